package account_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// parallelLogins runs n wrong logins at once and returns how many were checked
// (answered "wrong password") and how many were refused as limited, and how many
// password hashes were computed meanwhile.
func parallelLogins(t *testing.T, s *account.Service, n int, user func(i int) string, ip string) (checked, limited int, hashes int64) {
	t.Helper()
	before := account.PasswordChecks()
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, _, err := s.Login(adminCtx, user(i), "wrong", ip)
			mu.Lock()
			defer mu.Unlock()
			switch app.ErrorCode(err) {
			case app.EUnauthorized:
				checked++
			case app.EForbidden:
				limited++
			default:
				t.Errorf("attempt %d: %v", i, err)
			}
		}(i)
	}
	wg.Wait()
	return checked, limited, account.PasswordChecks() - before
}

func TestService_LoginLimitHoldsUnderParallelAttempts(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		clock := &app.FixedClock{T: time.Date(2022, 9, 30, 9, 0, 0, 0, app.Shanghai)}
		s := newService(db, clock)
		if _, err := s.CreateUnit(adminCtx, account.Unit{Code: "C001", Name: "市行政服务中心", Kind: "中心"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddUser(adminCtx, account.NewUser{Username: "zhang", Password: "secret", Role: app.RoleDispatcher, UnitCode: "C001"}); err != nil {
			t.Fatal(err)
		}
		checked, limited, hashes := parallelLogins(t, s, 40, func(int) string { return "zhang" }, "10.0.0.1")
		if checked != s.MaxFailures || limited != 40-s.MaxFailures || hashes != int64(s.MaxFailures) {
			t.Fatalf("40 parallel wrong passwords: %d checked, %d limited, %d hashes; want exactly %d checked", checked, limited, hashes, s.MaxFailures)
		}
		// One address trying many names is held at 4× the limit.
		checked, limited, hashes = parallelLogins(t, s, 40, func(i int) string { return fmt.Sprintf("guess%02d", i) }, "10.0.0.2")
		if checked != 4*s.MaxFailures || limited != 40-4*s.MaxFailures || hashes != int64(4*s.MaxFailures) {
			t.Fatalf("40 parallel names from one address: %d checked, %d limited, %d hashes; want %d", checked, limited, hashes, 4*s.MaxFailures)
		}
		// The right password is refused too while the name is limited, and accepted after the window.
		if _, _, err := s.Login(adminCtx, "zhang", "secret", "10.0.0.3"); app.ErrorCode(err) != app.EForbidden {
			t.Fatalf("right password while limited: %v", err)
		}
		clock.T = clock.T.Add(16 * time.Minute)
		if _, _, err := s.Login(adminCtx, "zhang", "secret", "10.0.0.3"); err != nil {
			t.Fatalf("after the window: %v", err)
		}
	})
}

// An unknown user's attempt hashes the password like a known user's wrong one,
// so the answer's time does not tell which names exist.
func TestService_UnknownUserRunsThePasswordHash(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s := newService(db, &app.FixedClock{T: time.Date(2022, 9, 30, 9, 0, 0, 0, app.Shanghai)})
		before := account.PasswordChecks()
		_, _, err := s.Login(adminCtx, "nobody", "whatever", "10.0.0.1")
		if app.ErrorCode(err) != app.EUnauthorized || app.ErrorMessage(err) != "用户名或密码错误" {
			t.Fatalf("unknown user: %v", err)
		}
		if n := account.PasswordChecks() - before; n != 1 {
			t.Fatalf("an unknown user's login computed %d password hashes, want 1", n)
		}
	})
}
