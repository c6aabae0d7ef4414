package account

import (
	"context"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"govdesk/internal/app"
)

// Service is the account workflow: users, logins, sessions, tokens and units.
type Service struct {
	Store       Store
	Clock       app.Clock
	SessionTTL  time.Duration // lifetime of a web login
	MaxFailures int           // failed logins per user name within Window before refusing
	Window      time.Duration
}

// NewService returns a service with the default limits of config.Default.
func NewService(st Store, clock app.Clock) *Service {
	return &Service{Store: st, Clock: clock, SessionTTL: 12 * time.Hour, MaxFailures: 5, Window: 15 * time.Minute}
}

// NewUser is the input of AddUser.
type NewUser struct {
	Username string
	Password string
	Name     string
	Role     string
	UnitCode string
}

var usernameRE = regexp.MustCompile(`^[A-Za-z0-9_.\-]{2,64}$`)

// AddUser creates a user. Errors: invalid (bad name, weak password, unknown role or unit), conflict (name taken).
func (s *Service) AddUser(ctx context.Context, in NewUser) (User, error) {
	in.Username = strings.TrimSpace(in.Username)
	switch {
	case !usernameRE.MatchString(in.Username):
		return User{}, app.Invalid("用户名 %q 无效：应为 2–64 位字母、数字、下划线、点或连字符", in.Username).
			WithDetail("bad user name %q: want 2-64 letters, digits, underscores, dots or hyphens", in.Username)
	case utf8.RuneCountInString(in.Password) < 4:
		return User{}, app.Invalid("密码太短：至少 4 个字符").WithDetail("the password is too short: at least 4 characters")
	case !app.ValidRole(in.Role):
		return User{}, app.Invalid("角色 %q 无效，应为：%s", in.Role, strings.Join(app.Roles, "、")).
			WithDetail("unknown role %q, want one of %s", in.Role, strings.Join(app.Roles, ", "))
	case strings.TrimSpace(in.UnitCode) == "":
		return User{}, app.Invalid("必须指定所属单位编码").WithDetail("the user's unit code is required")
	}
	unit, err := s.Store.FindUnitByCode(ctx, strings.TrimSpace(in.UnitCode))
	if app.ErrorCode(err) == app.ENotFound {
		return User{}, app.Invalid("单位编码 %q 不存在，请先导入或新建该单位", in.UnitCode).WithDetail("unknown unit %q: import or create it first", in.UnitCode)
	} else if err != nil {
		return User{}, err
	}
	if in.Name == "" {
		in.Name = in.Username
	}
	u := User{Username: in.Username, Name: in.Name, Role: in.Role, UnitID: unit.ID, UnitCode: unit.Code, UnitName: unit.Name,
		Active: true, PasswordHash: HashPassword(in.Password), CreatedAt: s.Clock.Now()}
	id, err := s.Store.CreateUser(ctx, u)
	if app.ErrorCode(err) == app.EConflict {
		return User{}, app.Conflict("用户名 %q 已存在", in.Username).WithDetail("user name %q is taken", in.Username)
	} else if err != nil {
		return User{}, err
	}
	u.ID = id
	return u, nil
}

// Login checks a user name and password and opens a session. It refuses (forbidden)
// after MaxFailures failures for the name, or 4×MaxFailures for the IP, within Window.
// The attempt is reserved (counted as a failure) before the password is hashed, so
// parallel attempts cannot slip past the limit; and an unknown or disabled user's
// attempt hashes the password too, so the answer takes as long as a wrong password's.
// It returns the session token to put in a cookie.
func (s *Service) Login(ctx context.Context, username, password, ip string) (string, Session, error) {
	now := s.Clock.Now()
	username = strings.TrimSpace(username)
	attempt, err := s.Store.ReserveLogin(ctx, username, ip, now, now.Add(-s.Window), func(byUser, byIP int) error {
		if byUser >= s.MaxFailures || byIP >= 4*s.MaxFailures {
			return app.Forbidden("登录失败次数过多，请 %d 分钟后再试", int(s.Window.Minutes()+0.5)).WithDetail("login rate limited for %q from %s", username, ip)
		}
		return nil
	})
	if err != nil {
		return "", Session{}, err
	}
	u, err := s.Store.FindUserByUsername(ctx, username)
	if err != nil && app.ErrorCode(err) != app.ENotFound {
		return "", Session{}, err
	}
	hash := u.PasswordHash
	if err != nil || !u.Active {
		hash = dummyHash()
	}
	if !CheckPassword(hash, password) || err != nil || !u.Active {
		return "", Session{}, app.Unauthorized("用户名或密码错误").WithDetail("bad credentials for %q", username)
	}
	if err := s.Store.SucceedLogin(ctx, attempt); err != nil {
		return "", Session{}, err
	}
	token := newSecret("")
	sess := Session{User: u, CSRFToken: newSecret(""), ExpiresAt: now.Add(s.SessionTTL)}
	if err := s.Store.CreateSession(ctx, HashToken(token), u.ID, sess.CSRFToken, now, sess.ExpiresAt); err != nil {
		return "", Session{}, err
	}
	return token, sess, nil
}

// Authenticate returns the session of a cookie token; unauthorized when unknown or expired.
func (s *Service) Authenticate(ctx context.Context, token string) (Session, error) {
	if token == "" {
		return Session{}, app.Unauthorized("请先登录")
	}
	sess, err := s.Store.FindSession(ctx, HashToken(token), s.Clock.Now())
	if app.ErrorCode(err) == app.ENotFound || (err == nil && !sess.User.Active) {
		return Session{}, app.Unauthorized("登录已过期，请重新登录")
	}
	return sess, err
}

// Logout ends a session.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return s.Store.DeleteSession(ctx, HashToken(token))
}

// Actor returns the app.Actor of a user.
func (u User) Actor() app.Actor {
	return app.Actor{UserID: u.ID, Username: u.Username, Name: u.Name, Role: u.Role, UnitID: u.UnitID, UnitCode: u.UnitCode}
}

// DisplayNames returns the display name (姓名) of each user named, for the pages
// that show who acted: a user name with no user behind it (an import, an
// integration's) is left out, and the system actor is named too. Any signed-in
// actor may ask: colleagues' names are no secret.
func (s *Service) DisplayNames(ctx context.Context, usernames []string) (map[string]string, error) {
	if _, err := app.RequireActor(ctx); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var ask []string
	for _, u := range usernames {
		if u != "" && !seen[u] {
			seen[u] = true
			ask = append(ask, u)
		}
	}
	names, err := s.Store.FindUserNames(ctx, ask)
	if err != nil {
		return nil, err
	}
	if seen[app.System.Username] && names[app.System.Username] == "" {
		names[app.System.Username] = app.System.Name
	}
	return names, nil
}

// Users lists every user (admin only).
func (s *Service) Users(ctx context.Context) ([]User, error) {
	if _, err := app.RequireRole(ctx, app.RoleAdmin); err != nil {
		return nil, err
	}
	return s.Store.FindUsers(ctx)
}
