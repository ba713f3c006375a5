//go:build (linux || darwin) && !386
// +build linux darwin

package a

import (
	"C"
	"context"
	"os/exec"
)

func f(ctx context.Context) { exec.CommandContext(ctx, "ffmpeg", "-i").Run(); exec.LookPath(`git`) }
