package mock_test

import (
	"bytes"
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/object"
)

const objectsSeed = `buckets:
  - name: src
    inventory:
      - <InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Destination><S3BucketDestination><Bucket>arn:aws:s3:::reports</Bucket><Format>CSV</Format></S3BucketDestination></Destination><IsEnabled>true</IsEnabled><Id>daily</Id><IncludedObjectVersions>All</IncludedObjectVersions><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>
    objects:
      - {Key: notes.txt, Body: "hello"}
      - Key: logs/a.txt
        VersionId: v1
        IsLatest: false
        Size: 12
      - {Key: logs/a.txt, VersionId: v2, IsDeleteMarker: true}
    generate: {count: 5, prefix: "gen/", seed: 7, versions: 2}
  - name: reports
`

// loadSeed parses doc and loads it into a fresh server with the fixed clock.
func loadSeed(doc string, opts ...mock.Option) (*mock.Server, error) {
	srv := mock.New(append([]mock.Option{mock.WithClock(func() time.Time { return deliverNow })}, opts...)...)
	st, err := mock.ParseState([]byte(doc))
	if err == nil {
		err = srv.LoadState(st)
	}
	return srv, err
}

var _ = Describe("State with objects", func() {
	When("a seed lists objects and a generate spec", func() {
		It("holds them in report order with the stated defaults", func() {
			srv, err := loadSeed(objectsSeed)
			Expect(err).NotTo(HaveOccurred())
			objs, err := srv.Objects("src")
			Expect(err).NotTo(HaveOccurred())
			Expect(objs).To(HaveLen(13))
			Expect(objs[0].Key).To(HavePrefix("gen/00000000"))
			Expect(objs[10].Key).To(Equal("logs/a.txt"))
			Expect(objs[10].VersionID).To(Equal("v1"))
			Expect(objs[11].IsDeleteMarker).To(BeTrue())
			notes := objs[12]
			Expect(string(notes.Body)).To(Equal("hello"))
			Expect(notes.Size).To(Equal(int64(5)))
			Expect(notes.StorageClass).To(Equal("STANDARD"))
			Expect(notes.EncryptionStatus).To(Equal("SSE-S3"))
			Expect(notes.ObjectOwner).To(Equal(mock.CanonicalUserID(mock.DefaultAccount)))
			Expect(notes.ObjectAccessControlList).To(Equal(object.DefaultACL(mock.CanonicalUserID(mock.DefaultAccount))))
			Expect(notes.LastModifiedDate).To(Equal(deliverNow.Truncate(time.Millisecond)))
			_, found, _ := srv.Object("src", "logs/a.txt")
			Expect(found).To(BeFalse(), "the current version of logs/a.txt is a delete marker")
		})
	})

	When("objects are wrong", func() {
		It("names the line and field of every problem, and loads nothing", func() {
			doc := `buckets:
  - name: src
    objects:
      - Key: a.txt
        Size: -1
      - Key: b.txt
        IsLatest: "yes"
        Colour: red
      - {Size: 3, StorageClass: COLD}
      - {Key: a.txt}
    generate: {count: 0}
`
			srv, err := loadSeed(doc)
			var se *mock.StateError
			Expect(errors.As(err, &se)).To(BeTrue(), "%v", err)
			Expect(se.Problems).To(HaveLen(2)) // shape problems come first, from ParseState
			Expect(se.Problems[0].Line).To(Equal(7))
			Expect(se.Problems[0].Path).To(Equal("buckets[0].objects[1].IsLatest"))
			Expect(se.Problems[0].Message).To(Equal("must be true or false"))
			Expect(se.Problems[1].Line).To(Equal(8))
			Expect(se.Problems[1].Path).To(Equal("buckets[0].objects[1].Colour"))

			fixed := bytes.Replace([]byte(doc), []byte("        IsLatest: \"yes\"\n        Colour: red\n"), nil, 1)
			_, err = loadSeed(string(fixed))
			Expect(errors.As(err, &se)).To(BeTrue(), "%v", err)
			var got []string
			for _, p := range se.Problems {
				got = append(got, p.Error())
			}
			Expect(got).To(Equal([]string{
				`line 9: buckets[0].generate.count: must be 1 to 10000000, got 0`,
				`line 5: buckets[0].objects[0].Size: must not be negative, got -1`,
				`line 7: buckets[0].objects[2].Key: is required`,
				`line 7: buckets[0].objects[2].StorageClass: must be one of STANDARD, REDUCED_REDUNDANCY, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER, DEEP_ARCHIVE, OUTPOSTS, GLACIER_IR, SNOW, EXPRESS_ONEZONE, got "COLD"`,
				`line 8: buckets[0].objects[3].Key: Key "a.txt" with VersionId "" is listed twice (first at buckets[0].objects[0])`,
			}))
			Expect(srv.Buckets()).To(BeEmpty())
		})
	})

	When("a snapshot is taken after a delivery", func() {
		It("restores every object and report byte for byte, and the delivery records, in YAML and JSON", func() {
			srv, err := loadSeed(objectsSeed)
			Expect(err).NotTo(HaveOccurred())
			d, err := srv.Deliver("src", "daily")
			Expect(err).NotTo(HaveOccurred())
			st := srv.State()
			for _, render := range []func() ([]byte, error){st.YAML, st.JSON} {
				doc, err := render()
				Expect(err).NotTo(HaveOccurred())
				later := deliverNow.Add(72 * time.Hour)
				restored := mock.New(mock.WithClock(func() time.Time { return later }))
				parsed, err := mock.ParseState(doc)
				Expect(err).NotTo(HaveOccurred())
				Expect(restored.LoadState(parsed)).To(Succeed())
				for _, b := range []string{"src", "reports"} {
					want, _ := srv.Objects(b)
					got, err := restored.Objects(b)
					Expect(err).NotTo(HaveOccurred())
					Expect(got).To(Equal(want), b)
				}
				Expect(restored.Deliveries()).To(Equal([]mock.Delivery{d}))
				next, err := restored.Deliver("src", "daily")
				Expect(err).NotTo(HaveOccurred())
				Expect(next.Seq).To(Equal(uint64(2)))
			}
		})

		It("seals the objects: an edited body is refused", func() {
			srv, err := loadSeed(objectsSeed)
			Expect(err).NotTo(HaveOccurred())
			doc, err := srv.State().YAML()
			Expect(err).NotTo(HaveOccurred())
			edited := bytes.Replace(doc, []byte("Body: hello"), []byte("Body: hellO"), 1)
			Expect(edited).NotTo(Equal(doc))
			_, err = mock.ParseState(edited)
			Expect(err).To(MatchError(ContainSubstring("do not match the snapshot's sha256")))
		})
	})
})
