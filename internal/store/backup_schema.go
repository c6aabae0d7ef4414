package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// colKind is how a column's values are written in a backup and read back: by
// kind rather than by engine type, so a backup of one engine restores into the other.
type colKind int

const (
	kindText colKind = iota
	kindInt
	kindFloat
	kindBool
	kindTime
	kindBytes
)

// kindOf maps a declared (SQLite) or information_schema (PostgreSQL) type to a kind.
func kindOf(typ string) colKind {
	t := strings.ToUpper(typ)
	switch {
	case strings.Contains(t, "BOOL"):
		return kindBool
	case strings.Contains(t, "TIMESTAMP"), strings.Contains(t, "DATE"), strings.HasPrefix(t, "TIME"):
		return kindTime
	case strings.Contains(t, "INT"):
		return kindInt
	case strings.Contains(t, "REAL"), strings.Contains(t, "DOUB"), strings.Contains(t, "FLOA"),
		strings.Contains(t, "NUMERIC"), strings.Contains(t, "DECIMAL"):
		return kindFloat
	case strings.Contains(t, "BLOB"), strings.Contains(t, "BYTEA"):
		return kindBytes
	}
	return kindText
}

// column is one column of a table, in table order.
type column struct {
	Name string
	Kind colKind
}

// foreignKey is a reference from a column of one table to a column of another (or the same).
type foreignKey struct {
	Table, Column, RefTable, RefColumn string
}

// schemaInfo describes the data tables of the database (schema_migrations excluded).
type schemaInfo struct {
	Tables  []string // in dependency order: referenced tables first
	Columns map[string][]column
	FKs     []foreignKey
}

// readSchema reads the tables, columns and foreign keys of the open database.
func readSchema(ctx context.Context, db *DB, q queryer) (*schemaInfo, error) {
	var tables []string
	var err error
	if db.Engine == SQLite {
		tables, err = queryAll(ctx, q, "backup: tables", scanString,
			`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name`)
	} else {
		tables, err = queryAll(ctx, q, "backup: tables", scanString,
			`SELECT table_name FROM information_schema.tables
			 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name`)
	}
	if err != nil {
		return nil, err
	}
	s := &schemaInfo{Columns: map[string][]column{}}
	for _, t := range tables {
		cols, err := readColumns(ctx, db, q, t)
		if err != nil {
			return nil, err
		}
		s.Columns[t] = cols
		fks, err := readForeignKeys(ctx, db, q, t)
		if err != nil {
			return nil, err
		}
		s.FKs = append(s.FKs, fks...)
	}
	s.Tables, err = dependencyOrder(tables, s.FKs)
	return s, err
}

func scanString(r rowScanner) (string, error) {
	var s string
	err := r.Scan(&s)
	return s, err
}

func readColumns(ctx context.Context, db *DB, q queryer, table string) ([]column, error) {
	scan := func(r rowScanner) (column, error) {
		var name, typ string
		err := r.Scan(&name, &typ)
		return column{Name: name, Kind: kindOf(typ)}, err
	}
	if db.Engine == SQLite {
		return queryAll(ctx, q, "backup: columns", scan, `SELECT name, type FROM pragma_table_info($1) ORDER BY cid`, table)
	}
	return queryAll(ctx, q, "backup: columns", scan,
		`SELECT column_name, data_type FROM information_schema.columns
		 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, table)
}

func readForeignKeys(ctx context.Context, db *DB, q queryer, table string) ([]foreignKey, error) {
	scan := func(r rowScanner) (foreignKey, error) {
		fk := foreignKey{Table: table}
		err := r.Scan(&fk.Column, &fk.RefTable, &fk.RefColumn)
		return fk, err
	}
	if db.Engine == SQLite {
		return queryAll(ctx, q, "backup: foreign keys", scan,
			`SELECT "from", "table", COALESCE("to", 'id') FROM pragma_foreign_key_list($1) ORDER BY id, seq`, table)
	}
	return queryAll(ctx, q, "backup: foreign keys", scan,
		`SELECT a.attname, rt.relname, ra.attname
		 FROM pg_constraint c
		 JOIN pg_class t ON t.oid = c.conrelid
		 JOIN pg_class rt ON rt.oid = c.confrelid
		 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
		 JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
		 WHERE c.contype = 'f' AND t.relname = $1 AND c.connamespace = current_schema()::regnamespace
		 ORDER BY c.conname`, table)
}

// dependencyOrder sorts tables so that every table comes after the tables it
// references (references of a table to itself are restored in a second pass).
func dependencyOrder(tables []string, fks []foreignKey) ([]string, error) {
	deps := map[string]map[string]bool{}
	for _, fk := range fks {
		if fk.Table == fk.RefTable {
			continue
		}
		if deps[fk.Table] == nil {
			deps[fk.Table] = map[string]bool{}
		}
		deps[fk.Table][fk.RefTable] = true
	}
	done := map[string]bool{}
	var out []string
	for len(out) < len(tables) {
		progressed := false
		for _, t := range tables {
			if done[t] {
				continue
			}
			ready := true
			for d := range deps[t] {
				if !done[d] {
					ready = false
					break
				}
			}
			if ready {
				done[t], progressed = true, true
				out = append(out, t)
			}
		}
		if !progressed {
			var left []string
			for _, t := range tables {
				if !done[t] {
					left = append(left, t)
				}
			}
			sort.Strings(left)
			return nil, fmt.Errorf("backup: foreign keys form a cycle among %v", left)
		}
	}
	return out, nil
}

// selfRefs returns the table's references to itself.
func (s *schemaInfo) selfRefs(table string) []foreignKey {
	var out []foreignKey
	for _, fk := range s.FKs {
		if fk.Table == table && fk.RefTable == table {
			out = append(out, fk)
		}
	}
	return out
}

// quoteIdent quotes an identifier for both engines.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// sqlTxReadSnapshot reads one consistent snapshot on PostgreSQL.
var sqlTxReadSnapshot = sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
