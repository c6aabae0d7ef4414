package account

import (
	"context"
	"time"
)

// Unit is an organisation unit: the centre, the hotline office, a member unit (成员单位).
type Unit struct {
	ID         int64
	Code       string
	Name       string
	Kind       string
	ParentID   int64
	ParentCode string
	Active     bool
}

// Region levels.
const (
	LevelTown    = "town"
	LevelVillage = "village"
)

// Region is a town/street (镇街) or a village/community (村居) below one.
type Region struct {
	ID       int64
	Name     string
	Level    string
	ParentID int64
}

// Category is a node of the complaint-subject tree (诉求分类); Path joins names with "/".
type Category struct {
	ID            int64
	Path          string
	Name          string
	ParentID      int64
	DefaultUnitID int64
	Active        bool
}

// User is a person who logs in.
type User struct {
	ID           int64
	Username     string
	Name         string
	Role         string
	UnitID       int64
	UnitCode     string
	UnitName     string
	Active       bool
	PasswordHash string
	CreatedAt    time.Time
}

// Token is an API token as lists show it: never the secret, only its first characters.
type Token struct {
	ID         int64
	UserID     int64
	Username   string
	Name       string
	Prefix     string // "gd_" and the first 8 hex digits; empty for tokens issued before prefixes were kept
	CreatedAt  time.Time
	LastUsedAt time.Time // zero when never used
	ExpiresAt  time.Time // zero for tokens issued before expiry existed (see Expiry)
	RevokedAt  time.Time // zero while not revoked
}

// Session is a web login stored in the database (so several processes share it).
type Session struct {
	User      User
	CSRFToken string
	ExpiresAt time.Time
}

// Store is the persistence the account service needs. Methods return *app.Error:
// not_found when a looked-up record does not exist, conflict on a duplicate key.
type Store interface {
	// UpsertUnits creates or updates units by code in one transaction, resolving
	// ParentCode (which may name a unit earlier in the same list); it returns how many were created and updated.
	UpsertUnits(ctx context.Context, units []Unit) (created, updated int, err error)
	FindUnitByCode(ctx context.Context, code string) (Unit, error)
	FindUnits(ctx context.Context) ([]Unit, error)

	CreateUser(ctx context.Context, u User) (int64, error)
	FindUserByUsername(ctx context.Context, username string) (User, error)
	FindUsers(ctx context.Context) ([]User, error)
	// FindUserNames returns the display name of each user among usernames; unknown ones are left out.
	FindUserNames(ctx context.Context, usernames []string) (map[string]string, error)

	CreateSession(ctx context.Context, tokenHash string, userID int64, csrf string, created, expires time.Time) error
	// FindSession returns the session whose token hash matches and that has not expired at now.
	FindSession(ctx context.Context, tokenHash string, now time.Time) (Session, error)
	DeleteSession(ctx context.Context, tokenHash string) error
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)

	// CreateToken stores an API token's hash and returns its id.
	CreateToken(ctx context.Context, t Token, tokenHash string) (int64, error)
	// FindToken returns the token of a hash, revoked or expired ones included, with its user; not_found when none.
	FindToken(ctx context.Context, tokenHash string) (Token, User, error)
	// TouchToken records when a token was last used.
	TouchToken(ctx context.Context, id int64, at time.Time) error
	// FindTokens returns the tokens of a user (every user's when userID is 0), newest first.
	FindTokens(ctx context.Context, userID int64) ([]Token, error)
	FindTokenByID(ctx context.Context, id int64) (Token, error)
	// RevokeToken sets a token's revocation time unless it is already revoked.
	RevokeToken(ctx context.Context, id int64, at time.Time) error

	// SetUserActive disables or re-enables a user; disabling deletes the user's sessions in the same transaction.
	SetUserActive(ctx context.Context, userID int64, active bool) error
	// SetPassword replaces a user's password hash and deletes the user's sessions, in one transaction.
	SetPassword(ctx context.Context, userID int64, hash string) error
	// DeleteUserSessions ends every session of a user and returns how many there were.
	DeleteUserSessions(ctx context.Context, userID int64) (int, error)

	// ReserveLogin counts the failures since the given time for the user name (after
	// its last success) and for the IP, calls allow with both counts and, when allow
	// returns nil, records the attempt as a failure and returns its id — in one
	// transaction that parallel attempts for the same name or IP wait for.
	ReserveLogin(ctx context.Context, username, ip string, at, since time.Time, allow func(byUser, byIP int) error) (int64, error)
	// SucceedLogin marks a reserved attempt as a success.
	SucceedLogin(ctx context.Context, attemptID int64) error

	// EnsureRegion returns the town and (when village != "") the village, creating
	// those not yet known; created lists the names it created.
	EnsureRegion(ctx context.Context, town, village string) (townID, villageID int64, created []string, err error)
	FindRegions(ctx context.Context) ([]Region, error)
	// EnsureCategory returns the category of a "/"-separated path, creating missing nodes.
	EnsureCategory(ctx context.Context, path string) (id int64, created []string, err error)
	SetCategoryDefaultUnit(ctx context.Context, path, unitCode string) error
	FindCategories(ctx context.Context) ([]Category, error)
}
