package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"govdesk/internal/sheet"
	"govdesk/internal/sheet/sheettest"
	"govdesk/internal/store/storetest"
)

// memCap is the address-space limit the capped imports run under: the Go
// runtime and the C library reserve about 1.5 GB of address space at start
// (little of it ever touched), so this leaves about 1.5 GB to use. The reader
// before its limits needed 12 to 15 GB for the hostile files.
const memCap = 3 << 30

// TestMemCapHelperProcess is not a test: TestImportUnderMemoryCap runs the test
// binary again with GOVDESK_MEMCAP_ARGS set (a JSON list); this limits its own
// address space to memCap, runs govdesk with those arguments and prints its peak
// resident memory (VmHWM) last.
func TestMemCapHelperProcess(t *testing.T) {
	raw := os.Getenv("GOVDESK_MEMCAP_ARGS")
	if raw == "" {
		t.Skip("helper process only")
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		os.Exit(3)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: memCap, Max: memCap}); err != nil {
		fmt.Fprintln(os.Stderr, "setrlimit:", err)
		os.Exit(3)
	}
	code := Main(context.Background(), args, os.Stdout, os.Stderr)
	status, _ := os.ReadFile("/proc/self/status")
	if m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(status); m != nil {
		fmt.Fprintf(os.Stderr, "\nVMHWM_KB=%s\n", m[1])
	}
	if m := regexp.MustCompile(`VmPeak:\s+(\d+) kB`).FindSubmatch(status); m != nil {
		fmt.Fprintf(os.Stderr, "VMPEAK_KB=%s\n", m[1])
	}
	os.Exit(code)
}

// capped runs govdesk in a child process under the memory cap and returns its
// exit code, output and peak resident memory in MB.
func capped(t *testing.T, args ...string) (int, string, int) {
	t.Helper()
	raw, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestMemCapHelperProcess$")
	cmd.Env = append(os.Environ(), "GOVDESK_MEMCAP_ARGS="+string(raw), "MALLOC_ARENA_MAX=2")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`VMHWM_KB=(\d+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("the capped import did not finish (exit %d):\n%.2000s", code, out.String())
	}
	kb, _ := strconv.Atoi(m[1])
	return code, out.String(), kb >> 10
}

// TestImportUnderMemoryCap runs `govdesk import orders` under a 3 GB
// address-space cap (1.5 GB usable) on each hostile workbook (a few MB on disk, hundreds of MB
// unpacked, one 300 MB cell, too many rows or columns): each is refused with a
// Chinese message naming its limit, in bounded memory, and nothing is imported.
// A 200 000-row file imports under the same cap (on SQLite: the reader's
// memory does not depend on the engine); the peaks are logged (-v).
func TestImportUnderMemoryCap(t *testing.T) {
	dir := t.TempDir()
	hostiles := sheettest.Hostiles()
	for _, h := range hostiles {
		if err := h.Write(filepath.Join(dir, h.Name+".xlsx")); err != nil {
			t.Fatal(err)
		}
	}
	const n = 200000
	csvFile := filepath.Join(dir, "orders.csv")
	writeOrdersCSV(t, csvFile, n)
	xlsxFile := filepath.Join(dir, "orders.xlsx")
	tab, err := sheet.ReadFile(csvFile, sheet.Spec{})
	if err != nil {
		t.Fatal(err)
	}
	rows := make([][]string, len(tab.Rows))
	for i, r := range tab.Rows {
		for _, h := range tab.Headers {
			rows[i] = append(rows[i], r.Get(h))
		}
	}
	f, err := os.Create(xlsxFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := sheet.WriteXLSX(f, tab.Headers, rows); err != nil {
		t.Fatal(err)
	}
	f.Close()
	tab, rows = nil, nil

	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		if code, _, errs := run(t, env, "migrate"); code != 0 {
			t.Fatal(errs)
		}
		for _, h := range hostiles {
			path := filepath.Join(dir, h.Name+".xlsx")
			code, out, peak := capped(t, "import", "orders", path, "--db", dsn)
			t.Logf("%s: exit %d, peak %d MB", sheettest.Describe(path), code, peak)
			if code != 1 || !strings.Contains(out, h.Want) || !strings.Contains(out, "错误：") {
				t.Errorf("%s: exit %d, want 1 and %q:\n%.1000s", h.Name, code, h.Want, out)
			}
			if peak > 200 {
				t.Errorf("%s: peak resident memory %d MB, want at most 200 MB", h.Name, peak)
			}
		}
		if got := countOrders(t, dsn); got != 0 {
			t.Fatalf("%d orders imported from hostile files", got)
		}
		if !strings.HasPrefix(dsn, "sqlite:") {
			return // the reader's memory does not depend on the engine; one measures it
		}
		for i, path := range []string{csvFile, xlsxFile} {
			code, out, peak := capped(t, "import", "orders", path, "--db", dsn)
			t.Logf("%s: %d rows, exit %d, peak %d MB", sheettest.Describe(path), n, code, peak)
			if i == 0 && (code != 0 || !strings.Contains(out, fmt.Sprintf(`"imported":%d`, n))) {
				t.Fatalf("%s: exit %d:\n%.2000s", path, code, out)
			}
			if i == 1 && (code != 0 || !strings.Contains(out, fmt.Sprintf(`"updated":%d`, n))) {
				t.Fatalf("%s (the same orders again): exit %d:\n%.2000s", path, code, out)
			}
		}
	})
}
