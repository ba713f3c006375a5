// invoice-numbers prints the next invoice numbers. Its settings live in
// /etc/app/config.yaml (flat `key: value` YAML), read at start: without the
// file the program cannot number anything and exits 1.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

const configPath = "/etc/app/config.yaml"

func readConfig(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	values := map[string]string{}
	scanner := bufio.NewScanner(f)
	for n := 1; scanner.Scan(); n++ {
		line := strings.TrimSpace(scanner.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%s:%d: expected key: value", path, n)
		}
		values[strings.TrimSpace(key)] = strings.Trim(strings.TrimSpace(value), `"'`)
	}
	return values, scanner.Err()
}

func number(values map[string]string, key string) (int, error) {
	n, err := strconv.Atoi(values[key])
	if err != nil {
		return 0, fmt.Errorf("%s: %q is not a number", key, values[key])
	}
	return n, nil
}

func main() {
	cfg, err := readConfig(configPath)
	if err == nil {
		for _, key := range []string{"service", "prefix"} {
			if cfg[key] == "" && err == nil {
				err = fmt.Errorf("%s: missing %q", configPath, key)
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "invoice-numbers: config:", err)
		os.Exit(1)
	}
	width, err1 := number(cfg, "width")
	start, err2 := number(cfg, "start")
	count, err3 := number(cfg, "count")
	for _, e := range []error{err1, err2, err3} {
		if e != nil {
			fmt.Fprintln(os.Stderr, "invoice-numbers: config:", e)
			os.Exit(1)
		}
	}
	fmt.Printf("service=%s config=%s\n", cfg["service"], configPath)
	for i := 0; i < count; i++ {
		fmt.Printf("%s-%0*d\n", cfg["prefix"], width, start+i)
	}
}
