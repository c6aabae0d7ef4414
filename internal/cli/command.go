package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// command is one subcommand, or a group of subcommands when sub is set.
type command struct {
	name  string
	args  string // argument synopsis after the name, e.g. "FILE [--skip-invalid]"
	en    string // one-line summary in English
	zh    string // the same in Chinese
	flags func(e *env, fs *flag.FlagSet)
	run   func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error
	sub   []*command
}

// usageError is a mistake in the command line itself: exit status 2.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// exec runs c with args; path is the command path so far ("govdesk calendar").
func (c *command) exec(ctx context.Context, e *env, path string, args []string) error {
	path = strings.TrimSpace(path + " " + c.name)
	if c.sub != nil {
		if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
			c.groupHelp(e.stdout, path)
			if len(args) == 0 {
				return usagef("missing subcommand / 缺少子命令")
			}
			return nil
		}
		for _, s := range c.sub {
			if s.name == args[0] {
				return s.exec(ctx, e, path, args[1:])
			}
		}
		c.groupHelp(e.stderr, path)
		return usagef("unknown command %q / 未知命令 %q", path+" "+args[0], path+" "+args[0])
	}
	fs := flag.NewFlagSet(path, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if c.flags != nil {
		c.flags(e, fs)
	}
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		c.help(e.stdout, path, fs)
		return nil
	}
	if err != nil {
		c.help(e.stderr, path, fs)
		return usagef("%v", err)
	}
	err = c.run(ctx, e, fs, pos)
	var ue *usageError
	if errors.As(err, &ue) {
		c.help(e.stderr, path, fs)
	}
	return err
}

// parseInterspersed parses flags that may stand before, between or after positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func (c *command) help(w io.Writer, path string, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage / 用法: %s %s\n\n%s\n%s\n", path, c.args, c.en, c.zh)
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintf(w, "\nFlags / 选项:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

func (c *command) groupHelp(w io.Writer, path string) {
	fmt.Fprintf(w, "Usage / 用法: %s <command> [flags]\n\n%s\n%s\n\nCommands / 命令:\n", path, c.en, c.zh)
	for _, s := range c.sub {
		fmt.Fprintf(w, "  %-12s %s\n  %-12s %s\n", s.name, s.en, "", s.zh)
	}
	fmt.Fprintf(w, "\nRun '%s <command> --help' for details. 运行 '%s <命令> --help' 查看详细说明。\n", path, path)
}

// requireArgs checks the count of positional arguments.
func requireArgs(args []string, n int, what string) error {
	if len(args) != n {
		return usagef("expected %s / 需要参数：%s", what, what)
	}
	return nil
}
