package account

// PasswordChecks returns how many password hashes have been computed so far.
func PasswordChecks() int64 { return passwordChecks.Load() }
