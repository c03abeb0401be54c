package identity

import (
	"fmt"
	"strings"
)

// DefaultAccount is the account of unsigned callers, and of callers whose access key
// is not in the Directory, while auth is ModeOff. It is a choice (weight C in fixtures/FACTS.md): the
// twelve-digit id AWS documentation uses in its own examples.
const DefaultAccount = "123456789012"

// AllActions is the IAM action pattern that grants every S3 action; a Key with no
// Actions behaves as if it listed exactly this.
const AllActions = "s3:*"

// Key is one access key of an Account and the IAM actions it may perform.
type Key struct {
	// AccessKeyID is the id a client sends in its Credential (AKIA...).
	AccessKeyID string `yaml:"accessKeyId" json:"accessKeyId"`
	// SecretAccessKey is the secret the client signs with.
	SecretAccessKey string `yaml:"secretAccessKey" json:"secretAccessKey"`
	// Actions lists IAM action names or patterns ("s3:GetInventoryConfiguration",
	// "s3:Get*", "s3:*"). Empty means ["s3:*"].
	Actions []string `yaml:"actions,omitempty" json:"actions,omitempty"`
}

// Account is an AWS account: a twelve-digit id and the access keys that act as it.
type Account struct {
	// ID is the twelve-digit account id.
	ID string `yaml:"id" json:"id"`
	// Keys are the account's access keys; a key id is unique across all accounts.
	Keys []Key `yaml:"keys" json:"keys"`
}

// Allows reports whether the key may perform action, an IAM action name such as
// "s3:PutInventoryConfiguration". Patterns match as IAM matches them: case-insensitively,
// with * standing for any run of characters and ? for one character, so "s3:*" grants
// every S3 action and "s3:Get*" every Get.
func (k Key) Allows(action string) bool {
	if len(k.Actions) == 0 {
		return matchAction(AllActions, action)
	}
	for _, pattern := range k.Actions {
		if matchAction(pattern, action) {
			return true
		}
	}
	return false
}

// matchAction matches an IAM action pattern against a name, ASCII case-insensitively,
// with * (any run) and ? (any one byte). It backtracks only to the last star, so it
// runs in O(len(pattern)*len(name)) at worst.
func matchAction(pattern, name string) bool {
	p, n := strings.ToLower(pattern), strings.ToLower(name)
	pi, ni := 0, 0
	star, mark := -1, 0
	for ni < len(n) {
		switch {
		case pi < len(p) && (p[pi] == '?' || p[pi] == n[ni]):
			pi++
			ni++
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ni
			pi++
		case star >= 0:
			pi = star + 1
			mark++
			ni = mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// Mode tells whether the fake checks signatures.
type Mode string

// The auth modes. ModeOff is the default so that the quick start needs no keys. (The
// names carry a Mode prefix because Verify is the function that checks a signature.)
const (
	// ModeOff accepts every request; a known access key still selects its account and
	// permissions.
	ModeOff Mode = "off"
	// ModeVerify refuses any request without a valid AWS Signature Version 4.
	ModeVerify Mode = "verify"
)

// ParseMode reads a mode as written in a flag, an environment variable or a seed file:
// "off" or "verify", in any case, surrounding blanks ignored. The empty string is ModeOff.
func ParseMode(s string) (Mode, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", string(ModeOff):
		return ModeOff, nil
	case string(ModeVerify):
		return ModeVerify, nil
	}
	return "", fmt.Errorf("identity: unknown auth mode %q (want %q or %q)", s, ModeOff, ModeVerify)
}

// MarshalText writes the mode's name; with UnmarshalText it makes a Mode usable with
// encoding/json, YAML encoders and flag.TextVar.
func (m Mode) MarshalText() ([]byte, error) { return []byte(m), nil }

// UnmarshalText reads a mode as ParseMode does.
func (m *Mode) UnmarshalText(text []byte) error {
	parsed, err := ParseMode(string(text))
	if err != nil {
		return err
	}
	*m = parsed
	return nil
}
