package account

import (
	"context"
	"strings"
	"time"

	"govdesk/internal/app"
)

// Token lifetimes: a token lives DefaultTokenTTL unless asked otherwise, and never
// longer than MaxTokenTTL. A token issued before expiry existed expires MaxTokenTTL
// after it was created.
const (
	DefaultTokenTTL = 90 * 24 * time.Hour
	MaxTokenTTL     = 365 * 24 * time.Hour
)

// Expiry returns when the token stops working.
func (t Token) Expiry() time.Time {
	if t.ExpiresAt.IsZero() {
		return t.CreatedAt.Add(MaxTokenTTL)
	}
	return t.ExpiresAt
}

// Status is the token's state at now: "active", "expired" or "revoked".
func (t Token) Status(now time.Time) string {
	switch {
	case !t.RevokedAt.IsZero():
		return "revoked"
	case !now.Before(t.Expiry()):
		return "expired"
	}
	return "active"
}

// TokenStatusNames are the Chinese names of token states.
var TokenStatusNames = map[string]string{"active": "有效", "expired": "已过期", "revoked": "已吊销"}

// NewToken is the input of IssueToken.
type NewToken struct {
	Username string
	Name     string
	TTL      time.Duration // 0 means DefaultTokenTTL
}

// CreateToken issues an API token for a user with the default lifetime and returns
// it. It is the command line's door (whoever runs it holds the database); the API
// uses IssueToken, which checks who asks.
func (s *Service) CreateToken(ctx context.Context, username, name string) (string, error) {
	tok, _, err := s.issueToken(ctx, NewToken{Username: username, Name: name})
	return tok, err
}

// IssueToken issues an API token for the actor itself or, for an admin, for any user.
// It returns the token (shown once; only its hash is stored) and its record.
func (s *Service) IssueToken(ctx context.Context, in NewToken) (string, Token, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return "", Token{}, err
	}
	if in.Username = strings.TrimSpace(in.Username); in.Username == "" {
		in.Username = a.Username
	}
	if in.Username != a.Username && !a.Is(app.RoleAdmin) {
		return "", Token{}, app.Forbidden("只能为自己签发 API 令牌").WithDetail("%s may not issue tokens for %s", a.Username, in.Username)
	}
	return s.issueToken(ctx, in)
}

func (s *Service) issueToken(ctx context.Context, in NewToken) (string, Token, error) {
	switch {
	case in.TTL == 0:
		in.TTL = DefaultTokenTTL
	case in.TTL < 0 || in.TTL > MaxTokenTTL:
		return "", Token{}, app.Invalid("令牌有效期应在 1 天到 %d 天之间", int(MaxTokenTTL.Hours()/24)).
			WithDetail("token lifetime must be between 1 day and %d days", int(MaxTokenTTL.Hours()/24))
	}
	if len([]rune(in.Name)) > 100 {
		return "", Token{}, app.Invalid("令牌用途说明不能超过 100 字").WithDetail("token label longer than 100 characters")
	}
	u, err := s.Store.FindUserByUsername(ctx, strings.TrimSpace(in.Username))
	if app.ErrorCode(err) == app.ENotFound {
		return "", Token{}, app.Invalid("用户 %q 不存在", in.Username).WithDetail("no user %q", in.Username)
	} else if err != nil {
		return "", Token{}, err
	}
	if !u.Active {
		return "", Token{}, app.Invalid("用户 %s 已停用，不能签发令牌", u.Username).WithDetail("user %s is disabled", u.Username)
	}
	now := s.Clock.Now()
	secret := newSecret("gd_")
	t := Token{UserID: u.ID, Username: u.Username, Name: strings.TrimSpace(in.Name), Prefix: secret[:11], CreatedAt: now, ExpiresAt: now.Add(in.TTL)}
	if t.ID, err = s.Store.CreateToken(ctx, t, HashToken(secret)); err != nil {
		return "", Token{}, err
	}
	return secret, t, nil
}

// AuthenticateToken returns the user of a bearer token; unauthorized when the token
// is unknown, revoked or expired, or its user disabled.
func (s *Service) AuthenticateToken(ctx context.Context, token string) (User, error) {
	t, u, err := s.Store.FindToken(ctx, HashToken(token))
	if app.ErrorCode(err) == app.ENotFound {
		return User{}, app.Unauthorized("API 令牌无效")
	} else if err != nil {
		return User{}, err
	}
	now := s.Clock.Now()
	switch t.Status(now) {
	case "revoked":
		return User{}, app.Unauthorized("API 令牌已吊销").WithDetail("token %d is revoked", t.ID)
	case "expired":
		return User{}, app.Unauthorized("API 令牌已过期，请重新签发").WithDetail("token %d expired", t.ID)
	}
	if !u.Active {
		return User{}, app.Unauthorized("该用户已停用，API 令牌不再有效").WithDetail("user %s is disabled", u.Username)
	}
	// Recorded to the minute: a write per request would serialise reads on SQLite.
	if t.LastUsedAt.IsZero() || now.Sub(t.LastUsedAt) >= time.Minute {
		if err := s.Store.TouchToken(ctx, t.ID, now); err != nil {
			return User{}, err
		}
	}
	return u, nil
}

// Tokens lists the tokens of a user (an admin: of anyone, or of everyone when
// username is empty; anyone else: their own).
func (s *Service) Tokens(ctx context.Context, username string) ([]Token, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	username = strings.TrimSpace(username)
	if !a.Is(app.RoleAdmin) {
		if username != "" && username != a.Username {
			return nil, app.Forbidden("只能查看自己的 API 令牌").WithDetail("%s may not list the tokens of %s", a.Username, username)
		}
		username = a.Username
	}
	var id int64
	if username != "" {
		u, err := s.findUser(ctx, username)
		if err != nil {
			return nil, err
		}
		id = u.ID
	}
	return s.Store.FindTokens(ctx, id)
}

// RevokeToken revokes a token at once (an admin: anyone's; anyone else: their own).
// Revoking a revoked token changes nothing.
func (s *Service) RevokeToken(ctx context.Context, id int64) (Token, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return Token{}, err
	}
	t, err := s.Store.FindTokenByID(ctx, id)
	if app.ErrorCode(err) == app.ENotFound || (err == nil && !a.Is(app.RoleAdmin) && t.Username != a.Username) {
		return Token{}, app.NotFound("API 令牌 %d 不存在", id).WithDetail("no token %d", id)
	} else if err != nil {
		return Token{}, err
	}
	if t.RevokedAt.IsZero() {
		t.RevokedAt = s.Clock.Now()
		if err := s.Store.RevokeToken(ctx, id, t.RevokedAt); err != nil {
			return Token{}, err
		}
	}
	return t, nil
}

// findUser returns a user by name; invalid (with a Chinese message) when there is none.
func (s *Service) findUser(ctx context.Context, username string) (User, error) {
	u, err := s.Store.FindUserByUsername(ctx, strings.TrimSpace(username))
	if app.ErrorCode(err) == app.ENotFound {
		return User{}, app.NotFound("用户 %q 不存在", username).WithDetail("no user %q", username)
	}
	return u, err
}
