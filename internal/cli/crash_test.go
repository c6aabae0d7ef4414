package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// TestCrashHelperProcess is not a test: the crash tests run the test binary again
// with GOVDESK_CRASH_ARGS set (a JSON list), and this runs govdesk with those
// arguments until the test kills it.
func TestCrashHelperProcess(t *testing.T) {
	raw := os.Getenv("GOVDESK_CRASH_ARGS")
	if raw == "" {
		t.Skip("helper process only")
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		os.Exit(3)
	}
	if mark := os.Getenv("GOVDESK_CRASH_PAUSE_BEFORE_COMMIT"); mark != "" {
		store.BeforeBulkCommit = func() {
			os.WriteFile(mark, []byte("writes done, commit held\n"), 0o644)
			select {} // until the test kills this process
		}
	}
	os.Exit(Main(context.Background(), args, os.Stdout, os.Stderr))
}

// startCrashHelper starts govdesk in another process.
func startCrashHelper(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	return startCrashHelperEnv(t, nil, args...)
}

// startCrashHelperEnv starts govdesk in another process with extra environment.
func startCrashHelperEnv(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	raw, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelperProcess$")
	cmd.Env = append(append(os.Environ(), env...), "GOVDESK_CRASH_ARGS="+string(raw))
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	crashOutput[cmd] = out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd
}

// crashOutput keeps each helper process's output for failure messages.
var crashOutput = map[*exec.Cmd]*syncBuffer{}

type syncBuffer struct {
	mu sync.Mutex
	b  []byte
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b = append(s.b, p...)
	return len(p), nil
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.b)
}

func kill9(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill -9: %v", err)
	}
	cmd.Wait()
}

// writeOrdersCSV writes n received orders (not yet dispatched) in the import's columns.
func writeOrdersCSV(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("工单编号,受理时间,诉求类型,紧急程度,诉求标题,诉求内容,来电人,联系电话,所属镇街,所属村居\n")
	start := time.Date(2022, 1, 4, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	for i := 0; i < n; i++ {
		at := start.Add(time.Duration(i) * 97 * time.Second)
		fmt.Fprintf(w, "K%s%07d,%s,投诉,一般,路灯不亮%d,小区门口路灯不亮已经%d天，晚上出行不便，请尽快维修。,王先生,139%08d,城关镇,东门社区\n",
			at.Format("20060102"), i, at.Format("2006-01-02 15:04:05"), i, 1+i%9, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func countOrders(t *testing.T, dsn string) int {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM orders`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if db.Engine == store.SQLite {
		var ok string
		if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
			t.Fatalf("integrity check after kill -9: %q %v", ok, err)
		}
	}
	return n
}

// pgImportWriting reports whether a transaction of another process holds a write
// lock on orders in PostgreSQL.
func pgImportWriting(t *testing.T, dsn string) bool {
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		return false
	}
	defer db.Close()
	var n int
	db.QueryRow(`SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
		WHERE c.relname = 'orders' AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()`).Scan(&n)
	return n > 0
}

// TestKill9MidImport kills an import while it writes: nothing of it is left, the
// database is intact, and the same file then imports whole (SPEC §12.2).
func TestKill9MidImport(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		if code, _, errs := run(t, env, "migrate"); code != 0 {
			t.Fatal(errs)
		}
		file := filepath.Join(t.TempDir(), "orders.csv")
		const n = 60000
		writeOrdersCSV(t, file, n)
		// The helper holds the import's transaction open after its last write, just
		// before the commit, and says so in a file: the kill lands inside the
		// transaction whatever the machine's speed.
		held := filepath.Join(t.TempDir(), "held")
		cmd := startCrashHelperEnv(t, []string{"GOVDESK_CRASH_PAUSE_BEFORE_COMMIT=" + held}, "import", "orders", file, "--db", dsn)
		exited := make(chan struct{})
		go func() { cmd.Process.Wait(); close(exited) }()
		// On a busy machine reading, checking and writing the file can take a while.
		deadline := time.Now().Add(10 * time.Minute)
		for {
			if _, err := os.Stat(held); err == nil {
				break
			}
			select {
			case <-exited:
				t.Fatalf("the import ended before it was killed:\n%s", crashOutput[cmd])
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("the import never reached its commit:\n%s", crashOutput[cmd])
			}
			time.Sleep(20 * time.Millisecond)
		}
		if !strings.HasPrefix(dsn, "sqlite:") && !pgImportWriting(t, dsn) {
			t.Fatal("the held import holds no write lock on orders")
		}
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatalf("kill -9: %v", err)
		}
		<-exited
		if got := countOrders(t, dsn); got != 0 {
			t.Fatalf("%d orders left by a killed import, want 0; its output:\n%s", got, crashOutput[cmd])
		}
		code, out, errs := run(t, env, "import", "orders", file)
		if code != 0 || !strings.Contains(out, fmt.Sprintf(`"imported":%d`, n)) {
			t.Fatalf("import after the crash: exit %d, %q %q", code, out, errs)
		}
		if got := countOrders(t, dsn); got != n {
			t.Fatalf("%d orders after re-import, want %d", got, n)
		}
	})
}

// TestKill9LosesNoCommittedOrder kills a server while clients create orders: every
// order it acknowledged (201) is there after, and the server starts again.
func TestKill9LosesNoCommittedOrder(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		units := filepath.Join(t.TempDir(), "units.csv")
		os.WriteFile(units, []byte("单位编码,单位名称,单位类型,上级单位编码\nC001,市行政服务中心,中心,\nH001,12345热线办,热线办,C001\n"), 0o644)
		if code, _, errs := run(t, env, "import", "units", units); code != 0 {
			t.Fatal(errs)
		}
		if code, _, errs := run(t, env, "user", "add", "--username", "op", "--password", "secret", "--role", "operator", "--unit", "H001"); code != 0 {
			t.Fatal(errs)
		}
		_, tok, _ := run(t, env, "token", "create", "--username", "op")
		tok = strings.TrimSpace(tok)
		addr := freeAddr(t)
		base := "http://" + addr
		cmd := startCrashHelper(t, "serve", "--addr", addr, "--db", dsn)
		waitHealthy(t, base)

		var mu sync.Mutex
		var acked []string
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func(g int) {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					body := fmt.Sprintf(`{"type":"咨询","content":"崩溃测试第%d-%d件：公积金怎么提取","citizen_phone":"1390000%04d"}`, g, i, i%10000)
					req, _ := http.NewRequest("POST", base+"/api/v1/orders", strings.NewReader(body))
					req.Header.Set("Authorization", "Bearer "+tok)
					req.Header.Set("Content-Type", "application/json")
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						return // the server is gone
					}
					var o struct{ No string }
					json.NewDecoder(resp.Body).Decode(&o)
					resp.Body.Close()
					if resp.StatusCode != http.StatusCreated {
						t.Errorf("create: status %d", resp.StatusCode)
						return
					}
					{
						mu.Lock()
						acked = append(acked, o.No)
						mu.Unlock()
					}
				}
			}(g)
		}
		time.Sleep(1500 * time.Millisecond)
		kill9(t, cmd)
		close(stop)
		wg.Wait()
		if len(acked) < 10 {
			t.Fatalf("only %d orders acknowledged before the kill", len(acked))
		}

		db, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, no := range acked {
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM orders WHERE no = $1`, no).Scan(&n); err != nil || n != 1 {
				t.Fatalf("acknowledged order %s lost after kill -9 (%d, %v)", no, n, err)
			}
		}
		t.Logf("%d orders acknowledged before kill -9, all present after", len(acked))
		// The server starts again on the same database.
		addr = freeAddr(t)
		startCrashHelper(t, "serve", "--addr", addr, "--db", dsn)
		waitHealthy(t, "http://"+addr)
	})
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func waitHealthy(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server at %s not healthy", base)
}
