package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"govdesk/internal/app"
	"govdesk/internal/workday"
)

// Config is govdesk's whole configuration. Field tags name the TOML keys; the
// environment variable of a key is GOVDESK_ + the upper-cased dotted path with
// dots as underscores (sla.clock → GOVDESK_SLA_CLOCK).
type Config struct {
	DB       string  `toml:"db"`        // sqlite:PATH or postgres://…
	Addr     string  `toml:"addr"`      // listen address of serve
	LogLevel string  `toml:"log_level"` // debug, info, warn, error
	SLA      SLA     `toml:"sla"`
	Session  Session `toml:"session"`
	Login    Login   `toml:"login"`
	Hotline  Hotline `toml:"hotline"`
	Assets   Assets  `toml:"assets"`

	// File is the configuration file that was read, "" when none.
	File string `toml:"-"`
}

// SLA configures time-limit arithmetic (SPEC §3).
type SLA struct {
	Clock          string `toml:"clock"`           // workhours (default) or workdays
	WorkingPeriods string `toml:"working_periods"` // e.g. 08:30-12:00,14:30-17:30
}

// Hotline configures the 12345 work-order workflow.
type Hotline struct {
	// SensitiveUnits are the codes of the units told at once of an order flagged
	// 群体诉求 / 涉稳 / 舆情, comma-separated.
	SensitiveUnits string `toml:"sensitive_units"`
	// ReviewClosesConsult: an approved reply to a 咨询 closes it without a callback.
	ReviewClosesConsult bool `toml:"review_closes_consult"`
}

// Session configures web sessions.
type Session struct {
	TTL          Duration `toml:"ttl"`           // lifetime of a login
	CookieSecure string   `toml:"cookie_secure"` // auto (Secure when the request came over HTTPS), always, never
}

// Login configures login rate limiting.
type Login struct {
	MaxFailures int      `toml:"max_failures"` // failed attempts per user name within Window before refusing
	Window      Duration `toml:"window"`
}

// Duration is a time.Duration written as "15m", "12h" in files and the environment.
type Duration struct{ time.Duration }

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration as Go writes it.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.Duration.String()), nil }

// Default returns the built-in defaults.
func Default() Config {
	return Config{
		DB:       "sqlite:govdesk.db",
		Addr:     "127.0.0.1:8080",
		LogLevel: "info",
		SLA:      SLA{Clock: string(workday.WorkHours), WorkingPeriods: "08:30-12:00,14:30-17:30"},
		Session:  Session{TTL: Duration{12 * time.Hour}, CookieSecure: "auto"},
		Login:    Login{MaxFailures: 5, Window: Duration{15 * time.Minute}},
		Hotline:  Hotline{SensitiveUnits: "C001,H001"},
	}
}

// Load assembles defaults, the optional file and the environment. The file is
// GOVDESK_CONFIG when set (then it must exist), else ./govdesk.toml when present.
// getenv is os.Getenv in production and a map lookup in tests.
func Load(getenv func(string) string) (Config, error) {
	c := Default()
	path, must := getenv("GOVDESK_CONFIG"), true
	if path == "" {
		path, must = "govdesk.toml", false
	}
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		md, err := toml.Decode(string(b), &c)
		if err != nil {
			return c, app.Invalid("配置文件 %s 格式错误：%v", path, err).WithDetail("bad configuration file %s: %v", path, err)
		}
		if und := md.Undecoded(); len(und) > 0 {
			return c, app.Invalid("配置文件 %s 含有未知的配置项：%v", path, und).WithDetail("unknown settings in %s: %v", path, und)
		}
		c.File = path
	case errors.Is(err, fs.ErrNotExist) && !must:
	default:
		return c, app.Invalid("无法读取配置文件 %s：%v", path, err).WithDetail("cannot read the configuration file %s: %v", path, err)
	}
	if err := c.applyEnv(getenv); err != nil {
		return c, err
	}
	return c, nil
}

func (c *Config) applyEnv(getenv func(string) string) error {
	str := map[string]*string{
		"GOVDESK_DB": &c.DB, "GOVDESK_ADDR": &c.Addr, "GOVDESK_LOG_LEVEL": &c.LogLevel,
		"GOVDESK_SLA_CLOCK": &c.SLA.Clock, "GOVDESK_SLA_WORKING_PERIODS": &c.SLA.WorkingPeriods,
		"GOVDESK_SESSION_COOKIE_SECURE":   &c.Session.CookieSecure,
		"GOVDESK_HOTLINE_SENSITIVE_UNITS": &c.Hotline.SensitiveUnits,
	}
	for k, p := range str {
		if v := getenv(k); v != "" {
			*p = v
		}
	}
	dur := map[string]*Duration{"GOVDESK_SESSION_TTL": &c.Session.TTL, "GOVDESK_LOGIN_WINDOW": &c.Login.Window,
		"GOVDESK_ASSETS_HEARTBEAT_TIMEOUT": &c.Assets.HeartbeatTimeout}
	for k, p := range dur {
		if v := getenv(k); v != "" {
			if err := p.UnmarshalText([]byte(v)); err != nil {
				return app.Invalid("环境变量 %s 的值 %q 不是有效的时长（如 15m、12h）", k, v).WithDetail("%s=%q is not a duration such as 15m or 12h", k, v)
			}
		}
	}
	if v := getenv("GOVDESK_HOTLINE_REVIEW_CLOSES_CONSULT"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return app.Invalid("环境变量 GOVDESK_HOTLINE_REVIEW_CLOSES_CONSULT 的值 %q 应为 true 或 false", v).
				WithDetail("GOVDESK_HOTLINE_REVIEW_CLOSES_CONSULT=%q, want true or false", v)
		}
		c.Hotline.ReviewClosesConsult = b
	}
	if v := getenv("GOVDESK_LOGIN_MAX_FAILURES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return app.Invalid("环境变量 GOVDESK_LOGIN_MAX_FAILURES 的值 %q 不是整数", v).WithDetail("GOVDESK_LOGIN_MAX_FAILURES=%q is not an integer", v)
		}
		c.Login.MaxFailures = n
	}
	return nil
}

// Validate checks every field and returns one invalid error listing all problems.
func (c Config) Validate() error {
	var probs []string
	if !strings.HasPrefix(c.DB, "sqlite:") && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") {
		probs = append(probs, fmt.Sprintf("db：%q 应为 sqlite:文件路径 或 postgres://…", c.DB))
	}
	if c.Addr == "" || !strings.Contains(c.Addr, ":") {
		probs = append(probs, fmt.Sprintf("addr：%q 应为 主机:端口，如 127.0.0.1:8080", c.Addr))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		probs = append(probs, fmt.Sprintf("log_level：%q 应为 debug、info、warn 或 error", c.LogLevel))
	}
	if _, err := workday.ParseClock(c.SLA.Clock); err != nil {
		probs = append(probs, "sla.clock："+app.ErrorMessage(err))
	}
	if _, err := workday.ParsePeriods(c.SLA.WorkingPeriods); err != nil {
		probs = append(probs, "sla.working_periods："+app.ErrorMessage(err))
	}
	if c.Session.TTL.Duration < time.Minute {
		probs = append(probs, "session.ttl：至少 1 分钟")
	}
	switch c.Session.CookieSecure {
	case "auto", "always", "never":
	default:
		probs = append(probs, fmt.Sprintf("session.cookie_secure：%q 应为 auto、always 或 never", c.Session.CookieSecure))
	}
	if c.Login.MaxFailures < 1 {
		probs = append(probs, "login.max_failures：至少为 1")
	}
	if c.Login.Window.Duration < time.Second {
		probs = append(probs, "login.window：至少 1 秒")
	}
	if len(probs) > 0 {
		return app.Invalid("配置有误：%s", strings.Join(probs, "；")).WithDetail("invalid configuration: %d problems", len(probs))
	}
	return nil
}

// Schedule returns the working-day schedule the configuration describes over cal.
func (c Config) Schedule(cal *workday.Calendar) (workday.Schedule, error) {
	clock, err := workday.ParseClock(c.SLA.Clock)
	if err != nil {
		return workday.Schedule{}, err
	}
	periods, err := workday.ParsePeriods(c.SLA.WorkingPeriods)
	if err != nil {
		return workday.Schedule{}, err
	}
	return workday.Schedule{Cal: cal, Periods: periods, Clock: clock}, nil
}
