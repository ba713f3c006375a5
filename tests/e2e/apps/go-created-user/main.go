// whoami-report prints the account it runs as and keeps a small state file in
// that account's home directory. It refuses to run when its uid has no entry
// in the user database: a service account must be a real, named user.
package main

import (
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
)

func main() {
	uid := os.Getuid()
	u, err := user.LookupId(strconv.Itoa(uid))
	if err != nil {
		fmt.Fprintf(os.Stderr, "whoami-report: uid %d is not a known user: %v\n", uid, err)
		os.Exit(1)
	}
	group := "?"
	if g, err := user.LookupGroupId(u.Gid); err == nil {
		group = g.Name
	}
	fmt.Printf("uid=%d user=%s gid=%s group=%s home=%s\n", uid, u.Username, u.Gid, group, u.HomeDir)

	state := filepath.Join(u.HomeDir, ".whoami-report", "last-run")
	writable := "yes"
	if err := os.MkdirAll(filepath.Dir(state), 0o700); err != nil {
		writable = "no"
	} else if err := os.WriteFile(state, []byte("ok\n"), 0o600); err != nil {
		writable = "no"
	}
	fmt.Printf("home-writable=%s\n", writable)
}
