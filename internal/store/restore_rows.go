package store

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"govdesk/internal/app"
)

// restoreBatchParams bounds the parameters of one multi-row INSERT, far below both
// engines' limits.
const restoreBatchParams = 4000

// restorer inserts a backup's tables inside one transaction.
type restorer struct {
	ctx    context.Context
	tx     *sql.Tx
	engine string
	schema *schemaInfo
	br     *bufio.Reader
	sum    *BackupSummary
	lineNo int
}

// tableLoad is the state of the table being restored.
type tableLoad struct {
	name     string
	cols     []column // the target's columns, in the backup's order
	batch    []any
	rows     int
	stmts    map[int]*sql.Stmt
	selfRefs []selfRef
	pending  [][2]any // (key, reference) pairs set after the table's rows are in
}

// selfRef is a column referring to another row of its own table: it is restored
// as NULL and set once every row exists, so row order does not matter.
type selfRef struct {
	col, key int // positions of the referring column and the referenced key
	fk       foreignKey
}

func (r *restorer) run() error {
	seen := map[string]bool{}
	var cur *tableLoad
	for {
		line, err := readLine(r.br)
		r.lineNo++
		if err == io.EOF {
			return r.fail("备份文件不完整（缺少结束标记），可能在写入时中断", nil)
		}
		if err != nil {
			return r.fail("备份文件已损坏", err)
		}
		if len(line) > 0 && line[0] == '[' {
			if cur == nil {
				return r.fail("备份文件格式错误：数据行不属于任何表", nil)
			}
			if err := r.row(cur, line); err != nil {
				return err
			}
			continue
		}
		var m backupMark
		if err := json.Unmarshal(line, &m); err != nil {
			return r.fail("备份文件已损坏", err)
		}
		switch {
		case m.Table != "":
			if cur != nil {
				return r.fail(fmt.Sprintf("备份文件格式错误：表 %s 没有结束标记", cur.name), nil)
			}
			if seen[m.Table] {
				return r.fail(fmt.Sprintf("备份文件格式错误：表 %s 出现两次", m.Table), nil)
			}
			seen[m.Table] = true
			if cur, err = r.begin(m); err != nil {
				return err
			}
		case m.End != "":
			if cur == nil || cur.name != m.End {
				return r.fail("备份文件格式错误：结束标记与表不符", nil)
			}
			if err := r.end(cur, m.Rows); err != nil {
				return err
			}
			cur = nil
		case m.Complete:
			if cur != nil || m.Tables != r.sum.Tables || m.Rows != r.sum.Rows {
				return r.fail("备份文件不完整：结束标记与已读取的表数或行数不符", nil)
			}
			for t := range r.schema.Columns {
				if !seen[t] {
					return app.Invalid("备份中缺少表 %s，与本程序的数据库结构不符", t).WithDetail("the backup lacks table %s", t)
				}
			}
			return nil
		default:
			return r.fail("备份文件格式错误：无法识别的行", nil)
		}
	}
}

// begin checks a table's columns against the target and prepares its load.
func (r *restorer) begin(m backupMark) (*tableLoad, error) {
	target, ok := r.schema.Columns[m.Table]
	if !ok {
		return nil, app.Invalid("备份中的表 %s 在当前数据库结构中不存在", m.Table).WithDetail("the backup's table %s is not in this schema", m.Table)
	}
	byName := map[string]column{}
	for _, c := range target {
		byName[c.Name] = c
	}
	if len(m.Columns) != len(target) {
		return nil, app.Invalid("备份中表 %s 的列与当前数据库结构不符（%d 列，应为 %d 列）", m.Table, len(m.Columns), len(target)).
			WithDetail("the backup's table %s has %d columns, want %d", m.Table, len(m.Columns), len(target))
	}
	t := &tableLoad{name: m.Table, stmts: map[int]*sql.Stmt{}}
	pos := map[string]int{}
	for i, name := range m.Columns {
		c, ok := byName[name]
		if !ok {
			return nil, app.Invalid("备份中表 %s 的列 %s 在当前数据库结构中不存在", m.Table, name).WithDetail("the backup's column %s.%s is not in this schema", m.Table, name)
		}
		t.cols = append(t.cols, c)
		pos[name] = i
	}
	for _, fk := range r.schema.selfRefs(m.Table) {
		t.selfRefs = append(t.selfRefs, selfRef{col: pos[fk.Column], key: pos[fk.RefColumn], fk: fk})
	}
	return t, nil
}

// row decodes one row and queues it for the table's next INSERT.
func (r *restorer) row(t *tableLoad, line []byte) error {
	dec := json.NewDecoder(strings.NewReader(string(line)))
	dec.UseNumber()
	var vals []any
	if err := dec.Decode(&vals); err != nil {
		return r.fail("备份文件已损坏", err)
	}
	if len(vals) != len(t.cols) {
		return r.fail(fmt.Sprintf("表 %s 的数据行有 %d 个值，应为 %d 个", t.name, len(vals), len(t.cols)), nil)
	}
	for i, c := range t.cols {
		v, err := decodeValue(c.Kind, vals[i])
		if err != nil {
			return r.fail(fmt.Sprintf("表 %s 列 %s 的值无效", t.name, c.Name), err)
		}
		vals[i] = v
	}
	for _, s := range t.selfRefs {
		if vals[s.col] != nil {
			t.pending = append(t.pending, [2]any{vals[s.key], vals[s.col]})
			vals[s.col] = nil
		}
	}
	t.batch = append(t.batch, vals...)
	t.rows++
	if len(t.batch) >= restoreBatchParams-len(t.cols) {
		return r.flush(t)
	}
	return nil
}

// end writes the table's last rows and its references to itself, and checks the count.
func (r *restorer) end(t *tableLoad, rows int64) error {
	if err := r.flush(t); err != nil {
		return err
	}
	for _, st := range t.stmts {
		st.Close()
	}
	if int64(t.rows) != rows {
		return r.fail(fmt.Sprintf("表 %s 应有 %d 行，实际读到 %d 行", t.name, rows, t.rows), nil)
	}
	for _, s := range t.selfRefs {
		q := fmt.Sprintf(`UPDATE %s SET %s = $1 WHERE %s = $2`, quoteIdent(t.name), quoteIdent(s.fk.Column), quoteIdent(s.fk.RefColumn))
		for _, p := range t.pending {
			if _, err := r.tx.ExecContext(r.ctx, q, p[1], p[0]); err != nil {
				return dbErr(err, "restore: references of "+t.name)
			}
		}
	}
	r.sum.Tables++
	r.sum.Rows += rows
	r.sum.PerTable[t.name] = rows
	return nil
}

// flush inserts the queued rows in one statement, prepared once per row count.
func (r *restorer) flush(t *tableLoad) error {
	n := len(t.batch) / len(t.cols)
	if n == 0 {
		return nil
	}
	st, ok := t.stmts[n]
	if !ok {
		var err error
		if st, err = r.tx.PrepareContext(r.ctx, insertSQL(t.name, t.cols, n)); err != nil {
			return dbErr(err, "restore: prepare "+t.name)
		}
		t.stmts[n] = st
	}
	if _, err := st.ExecContext(r.ctx, t.batch...); err != nil {
		return &app.Error{Code: app.EInvalid, Message: fmt.Sprintf("恢复表 %s 时出错，已全部撤销", t.name), Detail: "restoring table " + t.name + " failed, everything undone", Err: err}
	}
	t.batch = t.batch[:0]
	return nil
}

// insertSQL is a multi-row INSERT of n rows into table.
func insertSQL(table string, cols []column, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + quoteIdent(table) + " (")
	for i, c := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteIdent(c.Name))
	}
	b.WriteString(") VALUES ")
	p := 1
	for row := 0; row < n; row++ {
		if row > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for i := range cols {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "$%d", p)
			p++
		}
		b.WriteByte(')')
	}
	return b.String()
}

func (r *restorer) fail(msg string, err error) error {
	return &app.Error{Code: app.EInvalid, Message: fmt.Sprintf("%s（第 %d 行），未恢复任何数据", msg, r.lineNo),
		Detail: fmt.Sprintf("bad backup at line %d, nothing restored", r.lineNo), Err: err}
}
