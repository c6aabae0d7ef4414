package config

// Assets configures the asset register and the device heartbeats (SPEC §8).
type Assets struct {
	// HeartbeatTimeout is how long a device with a heartbeat token may stay silent
	// before a fault is opened for it; 0 means the built-in 15 minutes.
	HeartbeatTimeout Duration `toml:"heartbeat_timeout"`
	// Headcount is the centre's staff count (实有人数) that allocation limits given
	// as a percentage of headcount are of; 0 until the self-evaluation's staffing is entered.
	Headcount int `toml:"headcount"`
}

// Rectify configures the limits of a 差评's rectification (SPEC §7), in working days.
type Rectify struct {
	VerifyDays float64 `toml:"verify_days"` // verify and contact the evaluator; 0 means 1
	Days       float64 `toml:"days"`        // rectify; 0 means 15
}
