package object_test

import (
	"fmt"
	"time"

	"github.com/s3invmock/s3invmock/mock/object"
)

func Example() {
	key, size := "logs/a.txt", int64(5)
	v, err := object.Resolve(object.Mapping{Key: &key, Size: &size}, object.Defaults{
		Owner:        "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
		LastModified: time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	body := make([]byte, v.Size)
	r, _ := v.Content()
	r.ReadAt(body, 0)
	fmt.Println(v.Key, v.Size, v.StorageClass, v.EncryptionStatus, v.IsLatest)
	fmt.Printf("%s %s\n", body, v.ETag)

	bad := int64(-1)
	_, err = object.Resolve(object.Mapping{Size: &bad}, object.Defaults{Owner: "o", LastModified: time.Unix(0, 0)})
	fmt.Println(err)
	// Output:
	// logs/a.txt 5 STANDARD SSE-S3 true
	// 51d5d 08d122a68c9365ae5e1e0b292bcbb790
	// object: Key: is required; Size: must not be negative, got -1
}
