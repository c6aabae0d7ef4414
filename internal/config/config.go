package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
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
	Rectify  Rectify `toml:"rectify"`

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

// applyEnv sets every key whose environment variable is set. The variables are
// derived from the TOML tags, so a key added to Config has its variable at once.
func (c *Config) applyEnv(getenv func(string) string) error {
	for _, k := range envKeys(reflect.ValueOf(c).Elem(), "GOVDESK") {
		v := getenv(k.name)
		if v == "" {
			continue
		}
		if err := k.set(v); err != nil {
			return err
		}
	}
	return nil
}

// envKey is one configuration key: its variable's name and the field it sets.
type envKey struct {
	name  string
	field reflect.Value
}

// EnvNames lists the environment variable of every configuration key.
func EnvNames() []string {
	var c Config
	var out []string
	for _, k := range envKeys(reflect.ValueOf(&c).Elem(), "GOVDESK") {
		out = append(out, k.name)
	}
	return out
}

var durationType = reflect.TypeOf(Duration{})

func envKeys(v reflect.Value, prefix string) []envKey {
	var out []envKey
	for i := 0; i < v.NumField(); i++ {
		tag := v.Type().Field(i).Tag.Get("toml")
		if tag == "" || tag == "-" {
			continue
		}
		name := prefix + "_" + strings.ToUpper(tag)
		f := v.Field(i)
		if f.Kind() == reflect.Struct && f.Type() != durationType {
			out = append(out, envKeys(f, name)...)
			continue
		}
		out = append(out, envKey{name: name, field: f})
	}
	return out
}

func (k envKey) set(v string) error {
	switch {
	case k.field.Type() == durationType:
		var d Duration
		if err := d.UnmarshalText([]byte(v)); err != nil {
			return app.Invalid("环境变量 %s 的值 %q 不是有效的时长（如 15m、12h）", k.name, v).WithDetail("%s=%q is not a duration such as 15m or 12h", k.name, v)
		}
		k.field.Set(reflect.ValueOf(d))
	case k.field.Kind() == reflect.String:
		k.field.SetString(v)
	case k.field.Kind() == reflect.Int:
		n, err := strconv.Atoi(v)
		if err != nil {
			return app.Invalid("环境变量 %s 的值 %q 不是整数", k.name, v).WithDetail("%s=%q is not an integer", k.name, v)
		}
		k.field.SetInt(int64(n))
	case k.field.Kind() == reflect.Float64:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return app.Invalid("环境变量 %s 的值 %q 不是数字", k.name, v).WithDetail("%s=%q is not a number", k.name, v)
		}
		k.field.SetFloat(f)
	case k.field.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return app.Invalid("环境变量 %s 的值 %q 应为 true 或 false", k.name, v).WithDetail("%s=%q, want true or false", k.name, v)
		}
		k.field.SetBool(b)
	default:
		panic("config: no environment parser for " + k.name + " of type " + k.field.Type().String())
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
	if c.Rectify.VerifyDays < 0 || c.Rectify.Days < 0 {
		probs = append(probs, "rectify.verify_days、rectify.days：不能为负数（0 表示默认的 1 和 15 个工作日）")
	}
	if c.Assets.Headcount < 0 {
		probs = append(probs, "assets.headcount：不能为负数")
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
