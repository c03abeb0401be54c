package mock_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

// The model-based concurrency spec: goroutines send random operations to the fake
// over HTTP; afterwards a checker looks for one sequential order of all of them, each
// placed between its own start and end, in which a simple model of S3 gives every
// answer the fake gave (linearizability, checked per bucket: operations on different
// buckets commute). Final reads of every bucket, taken after the goroutines finish, are
// part of the history, so the fake's final state must be the model's too.

// modelOp is one operation and the answer the fake gave, reduced to what the model
// predicts: status, error code, and the Ids with the marker of the PUT that wrote them.
type modelOp struct {
	kind       string // put, get, delete, list, create, deleteBucket
	bucket, id string
	marker     string // what a put writes (its Filter prefix)
	answer     string
	call, ret  time.Time
}

// bucketModel is one bucket as the sequential model sees it.
type bucketModel struct {
	exists  bool
	configs map[string]string // Id -> marker
}

func (b bucketModel) key() string {
	if !b.exists {
		return "-"
	}
	ids := make([]string, 0, len(b.configs))
	for id, m := range b.configs {
		ids = append(ids, id+"="+m)
	}
	slices.Sort(ids)
	return strings.Join(ids, ",")
}

// step applies op to b and returns the answer the model gives.
func (b bucketModel) step(op modelOp) (bucketModel, string) {
	if !b.exists && op.kind != "create" {
		return b, "404 NoSuchBucket"
	}
	switch op.kind {
	case "create":
		if b.exists {
			return b, "409 BucketAlreadyOwnedByYou"
		}
		return bucketModel{exists: true, configs: map[string]string{}}, "200"
	case "deleteBucket":
		return bucketModel{}, "204"
	case "put":
		next := bucketModel{exists: true, configs: make(map[string]string, len(b.configs)+1)}
		for k, v := range b.configs {
			next.configs[k] = v
		}
		next.configs[op.id] = op.marker
		return next, "204"
	case "delete":
		if _, ok := b.configs[op.id]; !ok {
			return b, "404 NoSuchConfiguration"
		}
		next := bucketModel{exists: true, configs: make(map[string]string, len(b.configs))}
		for k, v := range b.configs {
			if k != op.id {
				next.configs[k] = v
			}
		}
		return next, "204"
	case "get":
		m, ok := b.configs[op.id]
		if !ok {
			return b, "404 NoSuchConfiguration"
		}
		return b, "200 " + op.id + "=" + m
	case "list":
		return b, "200 " + b.key()
	}
	panic("unknown operation " + op.kind)
}

// linearizable reports whether ops (all on one bucket) have a sequential order that
// respects real time and in which the model gives every recorded answer. It is a
// depth-first search over the operations that may go next (none of the remaining ones
// returned before they were called), with the visited (done set, state) pairs
// remembered (Wing and Gong, with Lowe's cache).
func linearizable(ops []modelOp) bool {
	done := make([]bool, len(ops))
	seen := map[string]bool{}
	var search func(state bucketModel, left int) bool
	search = func(state bucketModel, left int) bool {
		if left == 0 {
			return true
		}
		var sb strings.Builder
		for _, d := range done {
			if d {
				sb.WriteByte('1')
			} else {
				sb.WriteByte('0')
			}
		}
		key := sb.String() + "|" + state.key()
		if seen[key] {
			return false
		}
		seen[key] = true
		// The earliest end among the remaining operations: only operations called
		// before it can be next.
		var horizon time.Time
		for i, op := range ops {
			if !done[i] && (horizon.IsZero() || op.ret.Before(horizon)) {
				horizon = op.ret
			}
		}
		for i, op := range ops {
			if done[i] || op.call.After(horizon) {
				continue
			}
			next, answer := state.step(op)
			if answer != op.answer {
				continue
			}
			done[i] = true
			if search(next, left-1) {
				return true
			}
			done[i] = false
		}
		return false
	}
	return search(bucketModel{}, len(ops))
}

var (
	configChunk  = regexp.MustCompile(`<Id>([^<]*)</Id>.*?<Filter><Prefix>([^<]*)</Prefix></Filter>`)
	errorCodeTag = regexp.MustCompile(`<Code>([^<]*)</Code>`)
)

// summarize reduces an answer to the model's form.
func summarize(status int, body []byte) string {
	if m := errorCodeTag.FindSubmatch(body); m != nil {
		return fmt.Sprintf("%d %s", status, m[1])
	}
	if status != 200 || len(body) == 0 {
		return fmt.Sprint(status)
	}
	var items []string
	for _, m := range configChunk.FindAllSubmatch(body, -1) {
		items = append(items, string(m[1])+"="+string(m[2]))
	}
	slices.Sort(items)
	return "200 " + strings.Join(items, ",")
}

// modelDocument is a configuration whose Filter prefix marks the PUT that wrote it.
func modelDocument(id, marker string) []byte {
	return []byte(`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>` + id +
		`</Id><IsEnabled>true</IsEnabled><Destination><S3BucketDestination><Format>CSV</Format>` +
		`<Bucket>arn:aws:s3:::dest</Bucket></S3BucketDestination></Destination><Schedule><Frequency>Daily` +
		`</Frequency></Schedule><Filter><Prefix>` + marker + `</Prefix></Filter>` +
		`<IncludedObjectVersions>All</IncludedObjectVersions></InventoryConfiguration>`)
}

var _ = Describe("the fake under concurrent clients", Label("slow"), func() {
	// This spec failed about once in 15-25 runs on a loaded machine: two racing
	// DeleteBuckets could both answer 204, a history no sequential order explains. The
	// store now checks and deletes in one step ("DeleteBucket under concurrency" pins
	// it). FlakeAttempts(2) stays as a guard for a shared CI machine until the spec has
	// a longer record; a real race fails both attempts far more often than that.
	It("gives answers a sequential model allows, and ends in the model's state", FlakeAttempts(2), func() {
		const workers, perWorker = 8, 400
		buckets := []string{"alpha-bucket", "bravo-bucket", "charlie-bucket"}
		ids := []string{"a", "b", "c", "d"}
		// A region other than us-east-1, where re-creating one's own bucket is a 409.
		_, ts := startFake(mock.WithRegion("eu-west-1"))
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
		DeferCleanup(client.CloseIdleConnections)

		exec := func(op *modelOp) {
			var method, target string
			var body []byte
			switch op.kind {
			case "create":
				method, target = "PUT", "/"+op.bucket
			case "deleteBucket":
				method, target = "DELETE", "/"+op.bucket
			case "put":
				method, target, body = "PUT", "/"+op.bucket+"?inventory&id="+op.id, modelDocument(op.id, op.marker)
			case "get":
				method, target = "GET", "/"+op.bucket+"?inventory&id="+op.id
			case "delete":
				method, target = "DELETE", "/"+op.bucket+"?inventory&id="+op.id
			case "list":
				method, target = "GET", "/"+op.bucket+"?inventory"
			}
			var rd io.Reader
			if body != nil {
				rd = strings.NewReader(string(body))
			}
			req, err := http.NewRequest(method, ts.URL+target, rd)
			Expect(err).NotTo(HaveOccurred())
			op.call = time.Now()
			resp, err := client.Do(req)
			Expect(err).NotTo(HaveOccurred())
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			op.ret = time.Now()
			Expect(err).NotTo(HaveOccurred())
			op.answer = summarize(resp.StatusCode, b)
		}

		kinds := []string{"put", "put", "put", "get", "get", "delete", "list", "list", "create", "create", "deleteBucket"}
		history := make([][]modelOp, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				defer GinkgoRecover()
				rng := rand.New(rand.NewPCG(uint64(GinkgoRandomSeed()), uint64(w)))
				for i := range perWorker {
					op := modelOp{kind: kinds[rng.IntN(len(kinds))], bucket: buckets[rng.IntN(len(buckets))],
						id: ids[rng.IntN(len(ids))], marker: fmt.Sprintf("w%d-%d", w, i)}
					exec(&op)
					history[w] = append(history[w], op)
				}
			})
		}
		wg.Wait()
		perBucket := map[string][]modelOp{}
		for _, ops := range history {
			for _, op := range ops {
				perBucket[op.bucket] = append(perBucket[op.bucket], op)
			}
		}
		// The final state, read after every goroutine finished, joins the history.
		for _, b := range buckets {
			final := modelOp{kind: "list", bucket: b}
			exec(&final)
			perBucket[b] = append(perBucket[b], final)
			for _, id := range ids {
				get := modelOp{kind: "get", bucket: b, id: id}
				exec(&get)
				perBucket[b] = append(perBucket[b], get)
			}
		}
		for _, b := range buckets {
			ops := perBucket[b]
			Expect(len(ops)).To(BeNumerically(">", 100))
			Expect(linearizable(ops)).To(BeTrue(), "no sequential order explains the answers on %s", b)
		}
	})

	It("has a checker that refuses a history no order explains", func() {
		t0 := time.Now()
		at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
		// A Get that ends before the PUT starts cannot see what the PUT wrote.
		Expect(linearizable([]modelOp{
			{kind: "create", bucket: "b", answer: "200", call: at(0), ret: at(1)},
			{kind: "get", bucket: "b", id: "a", answer: "200 a=w1", call: at(2), ret: at(3)},
			{kind: "put", bucket: "b", id: "a", marker: "w1", answer: "204", call: at(4), ret: at(5)},
		})).To(BeFalse())
		// Overlapping, it can.
		Expect(linearizable([]modelOp{
			{kind: "create", bucket: "b", answer: "200", call: at(0), ret: at(1)},
			{kind: "get", bucket: "b", id: "a", answer: "200 a=w1", call: at(2), ret: at(5)},
			{kind: "put", bucket: "b", id: "a", marker: "w1", answer: "204", call: at(3), ret: at(4)},
		})).To(BeTrue())
	})
})
