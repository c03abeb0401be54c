package mock_test

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

// stateDoc is a complete document with every optional part, and text to escape.
func stateDoc(id string) string {
	return `<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
		`<OptionalFields><Field>Size</Field><Field>ETag</Field></OptionalFields>` +
		`<IncludedObjectVersions>All</IncludedObjectVersions><Id>` + id + `</Id>` +
		`<Filter><Prefix>logs &amp; "more"/</Prefix></Filter><IsEnabled>false</IsEnabled>` +
		`<Schedule><Frequency>Weekly</Frequency></Schedule><Destination><S3BucketDestination>` +
		`<Prefix>p1</Prefix><Encryption><SSE-S3></SSE-S3></Encryption><Bucket>arn:aws:s3:::dest</Bucket>` +
		`<AccountId>123456789012</AccountId><Format>Parquet</Format></S3BucketDestination></Destination>` +
		`</InventoryConfiguration>`
}

// mustParseState parses a seed that the spec knows to be valid.
func mustParseState(seed string) *mock.State {
	GinkgoHelper()
	st, err := mock.ParseState([]byte(seed))
	Expect(err).NotTo(HaveOccurred())
	return st
}

// stateProblems returns the problems of a *mock.StateError.
func stateProblems(err error) []mock.StateProblem {
	GinkgoHelper()
	var se *mock.StateError
	Expect(errors.As(err, &se)).To(BeTrue(), "not a *mock.StateError: %v", err)
	return se.Problems
}

// answers records what a client sees of a server: ListBuckets, and for each bucket
// every List page and every Get, keyed by request target.
func answers(ts *httptest.Server, srv *mock.Server) map[string]string {
	GinkgoHelper()
	out := map[string]string{}
	get := func(target string) string {
		r := do(ts, "GET", target, nil)
		return fmt.Sprintf("%d %s", r.Status, r.Body)
	}
	out["/"] = get("/")
	escape := strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D")
	for _, b := range srv.Buckets() {
		target := "/" + b.Name + "?inventory"
		for {
			body := get(target)
			out[target] = body
			_, rest, found := strings.Cut(body, "<NextContinuationToken>")
			if !found {
				break
			}
			token, _, _ := strings.Cut(rest, "<")
			target = "/" + b.Name + "?inventory&continuation-token=" + escape.Replace(token)
		}
		cs, err := srv.Configurations(b.Name)
		Expect(err).NotTo(HaveOccurred())
		for _, c := range cs {
			target := "/" + b.Name + "?inventory&id=" + c.ID
			out[target] = get(target)
		}
	}
	return out
}

var _ = Describe("State", func() {
	Describe("ParseState", func() {
		It("reads YAML and JSON into the same State", func() {
			y := mustParseState(`
buckets:
  - name: reports
    owner: "111122223333"
    region: eu-west-1
    created: 2026-01-02T03:04:05.678Z
    inventory:
      - '` + stateDoc("daily") + `'
accounts:
  - id: "111122223333"
    keys:
      - accessKeyId: AKIAOWNER
        secretAccessKey: owner-secret
        actions: ["s3:*"]
`)
			j := mustParseState(`{"buckets": [{"name": "reports", "owner": "111122223333", "region": "eu-west-1",
  "created": "2026-01-02T03:04:05.678Z", "inventory": [` + fmt.Sprintf("%q", stateDoc("daily")) + `]}],
 "accounts": [{"id": "111122223333", "keys": [{"accessKeyId": "AKIAOWNER",
   "secretAccessKey": "owner-secret", "actions": ["s3:*"]}]}]}`)
			// Compared by their rendering: a parsed State also remembers its lines.
			yj, err := y.JSON()
			Expect(err).NotTo(HaveOccurred())
			Expect(j.JSON()).To(Equal(yj))
			Expect(y.Buckets[0].Created).To(Equal(time.Date(2026, 1, 2, 3, 4, 5, 678e6, time.UTC)))
			Expect(y.Accounts[0].Keys[0].SecretAccessKey).To(Equal("owner-secret"))
		})

		It("takes an empty mapping and empty lists as an empty state", func() {
			Expect(mustParseState("{}").Buckets).To(BeEmpty())
			Expect(mustParseState("buckets: []\naccounts: []\n").Buckets).To(BeEmpty())
			Expect(mustParseState("buckets:\n").Buckets).To(BeEmpty())
		})

		DescribeTable("refuses a malformed document with the line of the problem",
			func(seed string, line int, fragment string) {
				_, err := mock.ParseState([]byte(seed))
				ps := stateProblems(err)
				Expect(ps).NotTo(BeEmpty())
				Expect(ps[0].Line).To(Equal(line), ps[0].Error())
				Expect(ps[0].Error()).To(ContainSubstring(fragment))
			},
			Entry("an empty file", "\n", 1, "empty document"),
			Entry("an unknown top-level key", "buckets: []\nrules: []\n", 2, `unknown key "rules"`),
			Entry("an unknown bucket key", "buckets:\n  - name: a-b\n    inventroy: []\n", 3, `buckets[0].inventroy`),
			Entry("buckets not a list", "buckets:\n  name: x\n", 2, "must be a list"),
			Entry("a bucket without a name", "buckets:\n  - region: eu-west-1\n", 2, `missing key "name"`),
			Entry("a date that is not RFC 3339", "buckets:\n  - name: abc\n    created: yesterday\n", 3, "RFC 3339"),
			Entry("a key given twice", "buckets:\n  - name: abc\n    name: def\n", 3, `key "name" is given twice`),
			Entry("a document that is not a string", "buckets:\n  - name: abc\n    inventory:\n      - {a: 1}\n", 4, "must be a string"),
			Entry("YAML that does not parse", "buckets:\n  - name: abc\n    region: eu: x\n", 3, "not valid YAML"),
			// {"name": "abc",} would be valid flow-style YAML, which a seed may be.
			Entry("JSON that parses as neither JSON nor YAML", "{\"buckets\": [\n  {\"name\": \"abc\" \"region\": \"x\"}\n]}", 2, "not valid JSON"),
		)
	})

	Describe("LoadState", func() {
		var (
			srv *mock.Server
			ts  *httptest.Server
		)
		BeforeEach(func() {
			srv, ts = startFake(mock.WithRegion("eu-central-1"))
		})

		It("serves the seeded buckets and configurations, canonically rendered", func() {
			Expect(srv.LoadState(mustParseState(`
buckets:
  - name: reports
    inventory:
      - '` + stateDoc("daily") + `'
      - '` + string(minimalDocument("a-first")) + `'
  - name: other
    region: eu-west-1
    owner: "111122223333"
    created: 2026-01-02T03:04:05.678Z
`))).To(Succeed())
			Expect(srv.Buckets()).To(Equal([]mock.Bucket{
				{Name: "other", Owner: "111122223333", Region: "eu-west-1", Created: time.Date(2026, 1, 2, 3, 4, 5, 678e6, time.UTC)},
				{Name: "reports", Owner: mock.DefaultAccount, Region: "eu-central-1", Created: fixedNow},
			}))
			Expect(string(do(ts, "GET", "/reports?inventory&id=daily", nil).Body)).To(Equal(`<?xml version="1.0" encoding="UTF-8"?><InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
				`<Id>daily</Id><IsEnabled>false</IsEnabled><Destination><S3BucketDestination><Format>Parquet</Format>` +
				`<AccountId>123456789012</AccountId><Bucket>arn:aws:s3:::dest</Bucket><Prefix>p1</Prefix>` +
				`<Encryption><SSE-S3/></Encryption></S3BucketDestination></Destination><Schedule><Frequency>Weekly</Frequency>` +
				`</Schedule><Filter><Prefix>logs &amp; &quot;more&quot;/</Prefix></Filter><IncludedObjectVersions>All</IncludedObjectVersions>` +
				`<OptionalFields><Field>Size</Field><Field>ETag</Field></OptionalFields></InventoryConfiguration>`))
			cs, err := srv.Configurations("reports")
			Expect(err).NotTo(HaveOccurred())
			Expect(cs).To(HaveLen(2))
			Expect(cs[0].ID).To(Equal("a-first"))
		})

		DescribeTable("refuses a state with the S3 code, the bucket, the Id and the line, and changes nothing",
			func(seed string, want mock.StateProblem) {
				Expect(srv.AddBucket("kept")).To(Succeed())
				Expect(srv.PutConfigurationXML("kept", minimalDocument("k1"))).To(Succeed())
				before := srv.State()

				err := srv.LoadState(mustParseState(seed))
				ps := stateProblems(err)
				Expect(ps).To(HaveLen(1), err.Error())
				got := ps[0]
				Expect(got.Message).To(ContainSubstring(want.Message))
				got.Message = want.Message
				Expect(got).To(Equal(want))
				Expect(srv.State()).To(Equal(before))
			},
			Entry("a document that does not validate", "buckets:\n  - name: reports\n    inventory:\n      - '"+
				strings.Replace(string(minimalDocument("daily")), "CSV", "XLS", 1)+"'\n",
				mock.StateProblem{Line: 4, Path: "buckets[0].inventory[0]", Bucket: "reports", ID: "daily",
					Code: mock.MalformedXML, Message: "The XML you provided was not well-formed or did not validate against our published schema"}),
			Entry("a destination that is not an ARN", "buckets:\n  - name: reports\n    inventory:\n      - '"+string(minimalDocument("d1"))+"'\n      - '"+
				strings.Replace(string(minimalDocument("d2")), "arn:aws:s3:::dest", "dest", 1)+"'\n",
				mock.StateProblem{Line: 5, Path: "buckets[0].inventory[1]", Bucket: "reports", ID: "d2",
					Code: mock.InvalidS3DestinationBucket, Message: "Invalid bucket ARN."}),
			Entry("an invalid bucket name", "buckets:\n  - name: Bad_Name\n",
				mock.StateProblem{Line: 2, Path: "buckets[0]", Bucket: "Bad_Name", Code: mock.InvalidBucketName,
					Message: `The specified bucket is not valid. ("Bad_Name")`}),
			Entry("a bucket listed twice", "buckets:\n  - name: twice\n  - name: twice\n",
				mock.StateProblem{Line: 3, Path: "buckets[1]", Bucket: "twice", Message: "bucket is listed twice"}),
			Entry("an Id listed twice", "buckets:\n  - name: abc\n    inventory:\n      - '"+string(minimalDocument("x"))+
				"'\n      - '"+string(minimalDocument("x"))+"'\n",
				mock.StateProblem{Line: 5, Path: "buckets[0].inventory[1]", Bucket: "abc", ID: "x",
					Message: "configuration Id is listed twice in this bucket"}),
			Entry("an owner that is not an account id", "buckets:\n  - name: abc\n    owner: bob\n",
				mock.StateProblem{Line: 2, Path: "buckets[0]", Bucket: "abc", Message: `owner "bob" is not a twelve-digit account id`}),
			Entry("an access key used twice", "accounts:\n  - id: \"111122223333\"\n    keys:\n"+
				"      - {accessKeyId: AK1, secretAccessKey: s}\n      - {accessKeyId: AK1, secretAccessKey: t}\n",
				mock.StateProblem{Line: 2, Path: "accounts[0]", Message: "(111122223333) keys[1]: access key AK1 is already a key of account 111122223333"}),
			Entry("an account id that is not one", "accounts:\n  - id: \"111122223333\"\n  - id: bob\n",
				mock.StateProblem{Line: 3, Path: "accounts[1]", Message: `id "bob" is not a twelve-digit account id`}),
		)

		It("refuses the 1,001st configuration of a bucket as TooManyConfigurations", func() {
			var b strings.Builder
			b.WriteString("buckets:\n  - name: full\n    inventory:\n")
			for i := 0; i <= mock.MaxConfigurationsPerBucket; i++ {
				fmt.Fprintf(&b, "      - '%s'\n", minimalDocument(fmt.Sprintf("c%04d", i)))
			}
			ps := stateProblems(srv.LoadState(mustParseState(b.String())))
			Expect(ps).To(HaveLen(1))
			Expect(ps[0].Code).To(Equal(mock.TooManyConfigurations))
			Expect(ps[0].ID).To(Equal("c1000"))
			Expect(ps[0].Line).To(Equal(4 + mock.MaxConfigurationsPerBucket))
		})

		It("replaces the whole state, and nil empties it", func() {
			Expect(srv.AddBucket("old")).To(Succeed())
			Expect(srv.LoadState(mustParseState("buckets:\n  - name: new\n"))).To(Succeed())
			Expect(srv.Buckets()).To(ConsistOf(HaveField("Name", "new")))
			Expect(srv.LoadState(nil)).To(Succeed())
			Expect(srv.Buckets()).To(BeEmpty())
		})

		It("swaps atomically: a concurrent reader sees one state or the other", func() {
			one := mustParseState("buckets:\n  - name: abc\n    inventory: ['" + string(minimalDocument("one")) + "']\n")
			two := mustParseState("buckets:\n  - name: abc\n    inventory: ['" + string(minimalDocument("two")) + "']\n")
			Expect(srv.LoadState(one)).To(Succeed())
			var wg sync.WaitGroup
			stop := make(chan struct{})
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer GinkgoRecover()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					Expect(srv.LoadState([]*mock.State{one, two}[i%2])).To(Succeed())
				}
			}()
			for i := 0; i < 300; i++ {
				cs, err := srv.Configurations("abc")
				Expect(err).NotTo(HaveOccurred())
				Expect(cs).To(HaveLen(1))
				Expect(cs[0].ID).To(BeElementOf("one", "two"))
			}
			close(stop)
			wg.Wait()
		})
	})

	Describe("a snapshot", func() {
		It("restores every Get, List page and ListBuckets byte for byte, through YAML and JSON", func() {
			srv, hs := startFake(mock.WithClock(time.Now))
			client := sdkClient(hs)
			do(hs, "PUT", "/reports", nil)
			do(hs, "PUT", "/eu-bucket", []byte(`<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>`))
			for i := 0; i < 150; i++ {
				Expect(putConfiguration(client, "reports", fmt.Sprintf("cfg-%03d", i))).To(Succeed())
			}
			Expect(do(hs, "PUT", "/eu-bucket?inventory&id=daily", []byte(stateDoc("daily"))).Status).To(Equal(204))
			empty := strings.Replace(string(minimalDocument("empty")), "</IncludedObjectVersions>", "</IncludedObjectVersions><OptionalFields/>", 1)
			Expect(do(hs, "PUT", "/eu-bucket?inventory&id=empty", []byte(empty)).Status).To(Equal(204))
			want := answers(hs, srv)
			Expect(want).To(HaveLen(1 + 3 + 150 + 2)) // ListBuckets, 3 List pages, 152 Gets

			for _, encode := range []func(*mock.State) ([]byte, error){(*mock.State).YAML, (*mock.State).JSON} {
				data, err := encode(srv.State())
				Expect(err).NotTo(HaveOccurred())
				restored, rhs := startFake()
				Expect(restored.LoadState(mustParseState(string(data)))).To(Succeed())
				Expect(answers(rhs, restored)).To(Equal(want))
			}
		})
	})
})
