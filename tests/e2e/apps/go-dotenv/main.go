// digest-mailer prepares the weekly release digest. Like many twelve-factor
// style services it reads its settings from a `.env` file in the working
// directory and its content from config/digest.json; both are required at
// start, and a missing one stops the program with exit status 1.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
)

type digest struct {
	Subject    string   `json:"subject"`
	Recipients []string `json:"recipients"`
	Entries    []struct {
		Project string `json:"project"`
		Version string `json:"version"`
	} `json:"entries"`
}

// loadDotenv reads KEY=VALUE lines; values may be double-quoted.
func loadDotenv(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	env := map[string]string{}
	scanner := bufio.NewScanner(f)
	for n := 1; scanner.Scan(); n++ {
		line := strings.TrimSpace(scanner.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("%s:%d: expected KEY=VALUE", path, n)
		}
		if unq, err := strconv.Unquote(value); err == nil {
			value = unq
		}
		env[strings.TrimSpace(key)] = value
	}
	return env, scanner.Err()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "digest-mailer:", err)
	os.Exit(1)
}

func main() {
	env, err := loadDotenv(".env")
	if err != nil {
		fail(err)
	}
	for _, key := range []string{"SMTP_HOST", "SMTP_PORT", "FROM_ADDRESS", "DIGEST_LIMIT"} {
		if env[key] == "" {
			fail(fmt.Errorf(".env: %s is not set", key))
		}
	}
	limit, err := strconv.Atoi(env["DIGEST_LIMIT"])
	if err != nil {
		fail(fmt.Errorf(".env: DIGEST_LIMIT: %v", err))
	}

	raw, err := os.ReadFile("config/digest.json")
	if err != nil {
		fail(err)
	}
	var d digest
	if err := json.Unmarshal(raw, &d); err != nil {
		fail(fmt.Errorf("config/digest.json: %v", err))
	}

	fmt.Printf("smtp=%s:%s from=%q\n", env["SMTP_HOST"], env["SMTP_PORT"], env["FROM_ADDRESS"])
	fmt.Printf("subject=%q to=%s\n", d.Subject, strings.Join(d.Recipients, ","))
	for i, e := range d.Entries {
		if i == limit {
			fmt.Printf("... %d more\n", len(d.Entries)-limit)
			break
		}
		fmt.Printf("- %s %s\n", e.Project, e.Version)
	}
}
