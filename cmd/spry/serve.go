package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"spry/cmd/spry/internal/server"
)

// dirList is a flag that may be given several times.
type dirList []string

func (d *dirList) String() string     { return strings.Join(*d, ",") }
func (d *dirList) Set(v string) error { *d = append(*d, v); return nil }

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr, "Usage: spry serve [-addr 127.0.0.1:8080] [-dir out]...")
	addr := fs.String("addr", "127.0.0.1:8080", "`address` to listen on; port 0 picks a free port")
	var dirs dirList
	fs.Var(&dirs, "dir", "`directory` to serve (default out); repeat to layer several, the first one winning")
	if code, ok := parseFlags(fs, args, 0); !ok {
		return code
	}
	if len(dirs) == 0 {
		dirs = dirList{"out"}
	}
	h, err := server.New(dirs...)
	if err != nil {
		fmt.Fprintf(stderr, "spry serve: %v (run \"make build\" first?)\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "spry serve: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	// The e2e harness reads the port from this line.
	fmt.Fprintf(stdout, "Spry is running at %s\n", siteURL(ln.Addr()))

	select {
	case err := <-done:
		fmt.Fprintf(stderr, "spry serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintf(stderr, "spry serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "Spry stopped.")
	return 0
}

// siteURL is the address to open in a browser for a listener's address: a
// wildcard host (":8080", "0.0.0.0:8080") becomes 127.0.0.1.
func siteURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
