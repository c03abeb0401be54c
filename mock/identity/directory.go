package identity

import (
	"fmt"
	"slices"
)

// Directory answers "whose key is this?". Build it once with NewDirectory; it is never
// modified afterwards, so one Directory may serve any number of goroutines. A nil
// *Directory knows no keys.
type Directory struct {
	byKey map[string]entry
}

type entry struct {
	account string
	key     Key
}

// NewDirectory checks accounts and indexes their keys. It refuses an account id that is
// not twelve ASCII digits, an account listed twice, an empty access key id or secret
// (an empty secret is most often a misspelt field in a seed file), and an access key
// id used twice, within one account or across two.
func NewDirectory(accounts []Account) (*Directory, error) {
	d := &Directory{byKey: make(map[string]entry)}
	seen := make(map[string]bool, len(accounts))
	for i, a := range accounts {
		if !IsAccountID(a.ID) {
			return nil, fmt.Errorf("identity: accounts[%d]: id %q is not a twelve-digit account id", i, a.ID)
		}
		if seen[a.ID] {
			return nil, fmt.Errorf("identity: accounts[%d]: account %s is listed twice", i, a.ID)
		}
		seen[a.ID] = true
		for j, k := range a.Keys {
			where := fmt.Sprintf("identity: accounts[%d] (%s) keys[%d]", i, a.ID, j)
			if k.AccessKeyID == "" {
				return nil, fmt.Errorf("%s: accessKeyId is empty", where)
			}
			if k.SecretAccessKey == "" {
				return nil, fmt.Errorf("%s: secretAccessKey of %s is empty", where, k.AccessKeyID)
			}
			if prev, dup := d.byKey[k.AccessKeyID]; dup {
				return nil, fmt.Errorf("%s: access key %s is already a key of account %s", where, k.AccessKeyID, prev.account)
			}
			k.Actions = slices.Clone(k.Actions)
			d.byKey[k.AccessKeyID] = entry{account: a.ID, key: k}
		}
	}
	return d, nil
}

// Lookup returns the account that owns accessKeyID and the key itself. ok is false for
// an unknown or empty id, and on a nil Directory.
func (d *Directory) Lookup(accessKeyID string) (account string, key Key, ok bool) {
	if d == nil {
		return "", Key{}, false
	}
	e, ok := d.byKey[accessKeyID]
	if !ok {
		return "", Key{}, false
	}
	key = e.key
	key.Actions = slices.Clone(key.Actions) // the Directory stays immutable
	return e.account, key, true
}

// Secret returns the secret access key of accessKeyID. Its signature is the one Verify
// asks for, so a Directory plugs in as identity.Verify(r, body, dir.Secret, now).
func (d *Directory) Secret(accessKeyID string) (secret string, ok bool) {
	if d == nil {
		return "", false
	}
	e, ok := d.byKey[accessKeyID]
	return e.key.SecretAccessKey, ok
}

// Len returns how many access keys the Directory knows.
func (d *Directory) Len() int {
	if d == nil {
		return 0
	}
	return len(d.byKey)
}

// IsAccountID reports whether s is an AWS account id: twelve ASCII digits.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
