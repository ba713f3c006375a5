// relay is a (dry-run) message relay that must not run as root: it checks
// the account it runs as before doing anything, and says which one it is.
package main

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
)

func main() {
	uid := os.Getuid()
	if uid == 0 {
		fmt.Fprintln(os.Stderr, "relay: refusing to run as root")
		os.Exit(1)
	}
	name := "?"
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil {
		name = u.Username
	}
	fmt.Printf("relay running as uid=%d user=%s\n", uid, name)
	if len(os.Args) > 1 && os.Args[1] == "--dry-run" {
		fmt.Println("dry run: 0 messages relayed")
	}
}
