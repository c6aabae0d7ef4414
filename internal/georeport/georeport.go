package georeport

import (
	"context"
	"time"
)

// Source is the order source (来源) of every request filed through Open311 or the public page.
const Source = "政务服务网"

// Key is an application's API key for POST requests; only its hash is stored.
type Key struct {
	ID        int64
	Name      string
	CreatedAt time.Time
	RevokedAt time.Time // zero while the key is valid
}

// Meta is what the standard carries beyond the order: the token, the key that filed
// the request, the location given as coordinates, the media link and the attributes.
type Meta struct {
	OrderID     int64
	Token       string
	KeyID       int64 // 0: filed on the public page
	Lat, Long   float64
	HasLocation bool
	MediaURL    string
	Attributes  string // JSON object code → value(s)
}

// Category is a node of the category tree as the service list needs it.
type Category struct {
	ID       int64
	Path     string
	Name     string
	ParentID int64
	Active   bool
}

// Store is the persistence of the Open311 model; store.Open311 implements it.
type Store interface {
	// CreateKey stores a key under its hash; conflict when the name is taken.
	CreateKey(ctx context.Context, name, hash string, now time.Time) (Key, error)
	// FindKeys lists every key, revoked ones included, by name.
	FindKeys(ctx context.Context) ([]Key, error)
	// RevokeKey revokes the named valid key; not_found when there is none.
	RevokeKey(ctx context.Context, name string, now time.Time) error
	// FindKeyByHash returns the valid key of a hash; not_found otherwise.
	FindKeyByHash(ctx context.Context, hash string) (Key, error)

	// FindCategories returns the category tree in path order.
	FindCategories(ctx context.Context) ([]Category, error)
	// HiddenServices returns the ids of the categories an admin hid from Open311.
	HiddenServices(ctx context.Context) (map[int64]bool, error)
	// SetHidden hides or shows a category; not_found when there is no such category.
	SetHidden(ctx context.Context, categoryID int64, hidden bool) error

	// SaveMeta stores a request's Open311 fields.
	SaveMeta(ctx context.Context, m Meta) error
	// FindMeta returns the Open311 fields of the orders that have them.
	FindMeta(ctx context.Context, orderIDs []int64) (map[int64]Meta, error)
	// FindOrderIDByToken returns the order of a token; not_found otherwise.
	FindOrderIDByToken(ctx context.Context, token string) (int64, error)
	// FindOrderIDByNo returns the order of a number filed with source 政务服务网; not_found otherwise.
	FindOrderIDByNo(ctx context.Context, no string) (int64, error)
	// FindOrderIDByNoPhone returns the order of a number filed with source 政务服务网 whose
	// citizen phone is phone; not_found otherwise. The phone never leaves the database.
	FindOrderIDByNoPhone(ctx context.Context, no, phone string) (int64, error)
	// Secret returns the database's secret of the given name, creating it from fresh when absent.
	Secret(ctx context.Context, name string, fresh func() string) (string, error)
}
