package object

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// ACLVersion is the "version" member of the fake's ACL JSON. C: the user guide's
// object ACL page shows the member but no value we could confirm.
const ACLVersion = "2022-11-10"

// ACLStatusAvailable is the ACL JSON "status" of a readable ACL (D, object ACL page).
const ACLStatusAvailable = "AVAILABLE"

// PermissionFullControl is the permission of the default grant: S3 gives the object
// owner FULL_CONTROL when no ACL is sent (D).
const PermissionFullControl = "FULL_CONTROL"

// DefaultACL returns the ObjectAccessControlList value of an object whose ACL is the
// default: one FULL_CONTROL grant to the owner's canonical id.
//
// The JSON layout is our choice (C): compact, members in the order version, status,
// grants; grant members permission, type, canonicalId; base64 standard with padding.
func DefaultACL(ownerCanonicalID string) string {
	b := fmt.Appendf(nil, `{"version":%s,"status":%s,"grants":[{"permission":%s,"type":"CanonicalUser","canonicalId":%s}]}`,
		quoteJSON(ACLVersion), quoteJSON(ACLStatusAvailable), quoteJSON(PermissionFullControl), quoteJSON(ownerCanonicalID))
	return base64.StdEncoding.EncodeToString(b)
}

// quoteJSON returns s as a JSON string literal.
func quoteJSON(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// checkACL reports why s is not a report ACL value: base64 (standard, padded) of a
// JSON object.
func checkACL(s string) error {
	raw, err := base64.StdEncoding.Strict().DecodeString(s)
	if err != nil {
		return fmt.Errorf("is not standard base64: %v", err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return fmt.Errorf("is not base64 of a JSON object: %v", err)
	}
	return nil
}
