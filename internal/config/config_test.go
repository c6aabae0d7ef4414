package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"govdesk/internal/app"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoad_Order(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "g.toml")
	os.WriteFile(file, []byte("db = \"sqlite:file.db\"\naddr = \"0.0.0.0:9000\"\n[sla]\nclock = \"workdays\"\n[login]\nwindow = \"5m\"\n"), 0o644)
	c, err := Load(env(map[string]string{"GOVDESK_CONFIG": file, "GOVDESK_DB": "postgres://u@h/db", "GOVDESK_LOGIN_MAX_FAILURES": "3"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.DB != "postgres://u@h/db" || c.Addr != "0.0.0.0:9000" || c.SLA.Clock != "workdays" || c.Login.MaxFailures != 3 ||
		c.Login.Window.Duration != 5*time.Minute || c.Session.TTL.Duration != 12*time.Hour {
		t.Fatalf("unexpected config %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestLoad_Errors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("db = \n"), 0o644)
	unknown := filepath.Join(dir, "unknown.toml")
	os.WriteFile(unknown, []byte("colour = \"red\"\n"), 0o644)
	for name, m := range map[string]map[string]string{
		"missing file": {"GOVDESK_CONFIG": filepath.Join(dir, "none.toml")},
		"syntax":       {"GOVDESK_CONFIG": bad},
		"unknown key":  {"GOVDESK_CONFIG": unknown},
		"bad duration": {"GOVDESK_SESSION_TTL": "soon"},
		"bad int":      {"GOVDESK_LOGIN_MAX_FAILURES": "many"},
	} {
		if _, err := Load(env(m)); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
	}
}

func TestValidate(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	c.DB = "mysql://x"
	c.SLA.Clock = "sometimes"
	c.SLA.WorkingPeriods = "12:00-08:00"
	if err := c.Validate(); app.ErrorCode(err) != app.EInvalid {
		t.Fatalf("Validate = %v, want invalid", err)
	}
}
