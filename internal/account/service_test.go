package account_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/sheet"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

var adminCtx = app.WithActor(context.Background(), app.Actor{Username: "root", Role: app.RoleAdmin})

func newService(db *store.DB, clock app.Clock) *account.Service {
	s := account.NewService(&store.Accounts{DB: db}, clock)
	s.MaxFailures = 3
	return s
}

func readUnits(t *testing.T, csv string) *sheet.Table {
	t.Helper()
	tab, err := sheet.Read("units.csv", strings.NewReader(csv), account.UnitSpec)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestService_ImportUnits(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s := newService(db, app.SystemClock{})
		t.Run("OK", func(t *testing.T) {
			// A child before its parent, in the same file.
			tab := readUnits(t, "单位编码,单位名称,单位类型,上级单位编码\nU002,市住建局,市直部门,C001\nC001,市行政服务中心,中心,\n")
			sum, _, err := s.ImportUnits(adminCtx, tab, false)
			if err != nil || sum.Imported != 2 || sum.Updated != 0 {
				t.Fatalf("ImportUnits = %+v, %v", sum, err)
			}
			u, err := s.Store.FindUnitByCode(adminCtx, "U002")
			if err != nil || u.ParentCode != "C001" || u.Kind != "市直部门" {
				t.Fatalf("U002 = %+v, %v", u, err)
			}
			sum, _, err = s.ImportUnits(adminCtx, readUnits(t, "单位编码,单位名称\nU002,市住房和城乡建设局\n"), false)
			if err != nil || sum.Updated != 1 || sum.Imported != 0 {
				t.Fatalf("re-import = %+v, %v", sum, err)
			}
		})
		t.Run("ErrInvalidRow", func(t *testing.T) {
			before, _ := s.Store.FindUnits(adminCtx)
			tab := readUnits(t, "单位编码,单位名称,单位类型,上级单位编码\nU100,市水务局,市直部门,\nU101,,市直部门,\nU102,市电力公司,外星单位,NOPE\n")
			_, list, err := s.ImportUnits(adminCtx, tab, false)
			if app.ErrorCode(err) != app.EInvalid {
				t.Fatalf("err = %v, want invalid", err)
			}
			var rows []int
			for _, e := range list {
				rows = append(rows, e.Row)
			}
			if len(list) != 3 || list[0].Row != 3 || list[1].Row != 4 || list[2].Row != 4 {
				t.Fatalf("errors at rows %v: %+v", rows, list)
			}
			var errs *sheet.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error does not carry the row list: %v", err)
			}
			after, _ := s.Store.FindUnits(adminCtx)
			if len(after) != len(before) {
				t.Fatalf("a bad file imported %d units", len(after)-len(before))
			}
		})
		t.Run("SkipInvalid", func(t *testing.T) {
			tab := readUnits(t, "单位编码,单位名称\nU200,市供水公司\nU201,\n")
			sum, list, err := s.ImportUnits(adminCtx, tab, true)
			if err != nil || sum.Imported != 1 || sum.Skipped != 1 || len(list) != 1 {
				t.Fatalf("skip-invalid = %+v %v %v", sum, list, err)
			}
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			ctx := app.WithActor(context.Background(), app.Actor{Role: app.RoleHandler})
			if _, _, err := s.ImportUnits(ctx, readUnits(t, "单位编码,单位名称\nX,Y\n"), false); app.ErrorCode(err) != app.EForbidden {
				t.Fatalf("err = %v", err)
			}
		})
	})
}

func TestService_AddUserAndLogin(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		clock := &app.FixedClock{T: time.Date(2022, 9, 30, 9, 0, 0, 0, app.Shanghai)}
		s := newService(db, clock)
		if _, err := s.CreateUnit(adminCtx, account.Unit{Code: "C001", Name: "市行政服务中心", Kind: "中心"}); err != nil {
			t.Fatal(err)
		}
		t.Run("ErrUnknownUnit", func(t *testing.T) {
			_, err := s.AddUser(adminCtx, account.NewUser{Username: "zhang", Password: "secret", Role: app.RoleHandler, UnitCode: "NOPE"})
			if app.ErrorCode(err) != app.EInvalid || !strings.Contains(app.ErrorMessage(err), "NOPE") {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("ErrBadRole", func(t *testing.T) {
			_, err := s.AddUser(adminCtx, account.NewUser{Username: "zhang", Password: "secret", Role: "king", UnitCode: "C001"})
			if app.ErrorCode(err) != app.EInvalid {
				t.Fatalf("err = %v", err)
			}
		})
		u, err := s.AddUser(adminCtx, account.NewUser{Username: "zhang", Password: "secret", Role: app.RoleDispatcher, UnitCode: "C001"})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(u.PasswordHash, "secret") || !strings.HasPrefix(u.PasswordHash, "$argon2id$") {
			t.Fatalf("password not hashed with argon2id: %q", u.PasswordHash)
		}
		t.Run("ErrDuplicate", func(t *testing.T) {
			_, err := s.AddUser(adminCtx, account.NewUser{Username: "zhang", Password: "secret", Role: app.RoleHandler, UnitCode: "C001"})
			if app.ErrorCode(err) != app.EConflict {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("Session", func(t *testing.T) {
			token, _, err := s.Login(adminCtx, "zhang", "secret", "10.0.0.1")
			if err != nil {
				t.Fatal(err)
			}
			sess, err := s.Authenticate(adminCtx, token)
			if err != nil || sess.User.Username != "zhang" || sess.CSRFToken == "" {
				t.Fatalf("Authenticate = %+v, %v", sess, err)
			}
			clock.T = clock.T.Add(13 * time.Hour)
			if _, err := s.Authenticate(adminCtx, token); app.ErrorCode(err) != app.EUnauthorized {
				t.Fatalf("expired session: err = %v", err)
			}
		})
		t.Run("RateLimit", func(t *testing.T) {
			for i := 0; i < 3; i++ {
				if _, _, err := s.Login(adminCtx, "zhang", "wrong", "10.0.0.2"); app.ErrorCode(err) != app.EUnauthorized {
					t.Fatalf("attempt %d: %v", i, err)
				}
			}
			if _, _, err := s.Login(adminCtx, "zhang", "secret", "10.0.0.2"); app.ErrorCode(err) != app.EForbidden {
				t.Fatalf("after 3 failures: %v", err)
			}
			clock.T = clock.T.Add(16 * time.Minute)
			if _, _, err := s.Login(adminCtx, "zhang", "secret", "10.0.0.2"); err != nil {
				t.Fatalf("after the window: %v", err)
			}
		})
		t.Run("Token", func(t *testing.T) {
			tok, err := s.CreateToken(adminCtx, "zhang", "cli")
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.AuthenticateToken(adminCtx, tok)
			if err != nil || got.Username != "zhang" {
				t.Fatalf("AuthenticateToken = %+v, %v", got, err)
			}
			if _, err := s.AuthenticateToken(adminCtx, tok+"x"); app.ErrorCode(err) != app.EUnauthorized {
				t.Fatalf("bad token: %v", err)
			}
			if _, err := s.CreateToken(adminCtx, "nobody", ""); app.ErrorCode(err) != app.EInvalid {
				t.Fatalf("unknown user: %v", err)
			}
		})
	})
}
