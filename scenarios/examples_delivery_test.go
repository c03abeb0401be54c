package scenarios_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

// getBody is GetObject of reports/key through the SDK; code is the S3 error code.
func getBody(c *s3.Client, key string) (body []byte, code string) {
	out, err := c.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String("reports"), Key: aws.String(key)})
	if err != nil {
		return nil, apiCode(err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	Expect(err).NotTo(HaveOccurred())
	return b, ""
}

func mustGet(c *s3.Client, key string) []byte {
	b, code := getBody(c, key)
	Expect(code).To(BeEmpty(), key)
	return b
}

type manifestDoc struct {
	Files []struct {
		Key         string `json:"key"`
		Size        int64  `json:"size"`
		MD5checksum string `json:"MD5checksum"`
	} `json:"files"`
}

// readManifest is the manifest of d, read as a consumer reads it.
func readManifest(c *s3.Client, d mock.Delivery) manifestDoc {
	var m manifestDoc
	Expect(json.Unmarshal(mustGet(c, d.ManifestKey), &m)).To(Succeed())
	return m
}

func md5hex(b []byte) string { s := md5.Sum(b); return hex.EncodeToString(s[:]) }

// singleMember is a consumer that reads a .csv.gz with a single-member decoder.
func singleMember(b []byte) string {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	Expect(err).NotTo(HaveOccurred())
	zr.Multistream(false)
	out, err := io.ReadAll(zr)
	Expect(err).NotTo(HaveOccurred())
	return string(out)
}

// allMembers is a consumer that reads every member, as Go's gzip.Reader does by default.
func allMembers(b []byte) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	out, err := io.ReadAll(zr)
	return string(out), err
}

// verifies is a consumer's check of a delivery: checksum, then every file's MD5.
func verifies(c *s3.Client, d mock.Delivery) bool {
	manifest := mustGet(c, d.ManifestKey)
	sum, code := getBody(c, strings.TrimSuffix(d.ManifestKey, ".json")+".checksum")
	if code != "" || strings.TrimSpace(string(sum)) != md5hex(manifest) {
		return false
	}
	for _, f := range readManifest(c, d).Files {
		b, code := getBody(c, f.Key)
		if code != "" || int64(len(b)) != f.Size || md5hex(b) != f.MD5checksum {
			return false
		}
	}
	return true
}

func csvReport(name string) (func() mock.Delivery, *s3.Client) {
	fake, c := reportFake(example(name), types.InventoryFormatCsv, "daily")
	return func() mock.Delivery { return deliver(fake, "daily") }, c
}

var deliveryProofs = map[string]func(){
	"late-delivery": func() {
		fake, c := reportFake(example("late-delivery"), types.InventoryFormatCsv, "daily")
		_, err := fake.Clock().Set(time.Date(2026, 11, 25, 1, 0, 7, 0, time.UTC))
		Expect(err).NotTo(HaveOccurred())
		d := deliver(fake, "daily")
		Expect(d.Faults).To(Equal([]string{"late:30h"}))
		Expect(d.ManifestKey).To(Equal("logs/daily/2026-11-25T01-00Z/manifest.json"), "the keys name the scan")
		Expect(d.LandAt).To(Equal(time.Date(2026, 11, 26, 7, 0, 7, 0, time.UTC)))
		_, code := getBody(c, d.ManifestKey)
		Expect(code).To(Equal("NoSuchKey"), "a consumer looking at scan time finds nothing")
		_, err = fake.Clock().Advance(30 * time.Hour)
		Expect(err).NotTo(HaveOccurred())
		Expect(readManifest(c, d).Files).To(HaveLen(1))
	},
	"skipped-delivery": func() {
		run, c := csvReport("skipped-delivery")
		first, second := run(), run()
		Expect(first.Outcome).To(Equal(mock.DeliverySkipped))
		Expect(first.Faults).To(Equal([]string{"skip"}))
		Expect(second.Outcome).To(Equal(mock.Delivered))
		out, err := c.ListObjectsV2(context.Background(), &s3.ListObjectsV2Input{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		Expect(out.Contents).To(HaveLen(4), "only the second delivery's files")
	},
	"duplicate-report": func() {
		run, c := csvReport("duplicate-report")
		d := run()
		var manifests []string
		for _, k := range d.Keys {
			if strings.HasSuffix(k, "manifest.json") {
				manifests = append(manifests, k)
			}
		}
		Expect(manifests).To(Equal([]string{"logs/daily/2026-11-25T01-00Z/manifest.json", "logs/daily/2026-11-25T01-01Z/manifest.json"}))
		// A consumer that sums every manifest's rows counts each object twice.
		rows := 0
		for _, mk := range manifests {
			var m manifestDoc
			Expect(json.Unmarshal(mustGet(c, mk), &m)).To(Succeed())
			text, err := allMembers(mustGet(c, m.Files[0].Key))
			Expect(err).NotTo(HaveOccurred())
			rows += strings.Count(text, "\n")
		}
		Expect(rows).To(Equal(6))
	},
	"split-report": func() {
		run, c := csvReport("split-report")
		m := readManifest(c, run())
		Expect(m.Files).To(HaveLen(4))
		first, err := allMembers(mustGet(c, m.Files[0].Key))
		Expect(err).NotTo(HaveOccurred())
		Expect(strings.Count(first, "\n")).To(Equal(1), "a reader of files[0] alone sees one of three rows")
	},
	"multi-member-gzip": func() {
		run, c := csvReport("multi-member-gzip")
		body := mustGet(c, readManifest(c, run()).Files[0].Key)
		Expect(strings.Count(singleMember(body), "\n")).To(Equal(1), "a single-member decoder stops after the first row")
		all, err := allMembers(body)
		Expect(err).NotTo(HaveOccurred())
		Expect(strings.Count(all, "\n")).To(Equal(3))
	},
	"trailing-newline": func() {
		run, c := csvReport("trailing-newline")
		text, err := allMembers(mustGet(c, readManifest(c, run()).Files[0].Key))
		Expect(err).NotTo(HaveOccurred())
		naive := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
		Expect(naive).To(HaveLen(4))
		Expect(naive[3]).To(BeEmpty(), "a reader that takes every line for a row gets an empty one")
		var rows int
		for sc := bufio.NewScanner(strings.NewReader(text)); sc.Scan(); {
			if sc.Text() != "" {
				rows++
			}
		}
		Expect(rows).To(Equal(3), "one that skips empty lines, as the real consumer does, is right")
	},
	"unsorted-report": func() {
		run, c := csvReport("unsorted-report")
		text, err := allMembers(mustGet(c, readManifest(c, run()).Files[0].Key))
		Expect(err).NotTo(HaveOccurred())
		var keys []string
		for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
			keys = append(keys, strings.Split(line, ",")[1])
		}
		Expect(keys).To(ConsistOf(`"a+b.txt"`, `"b.txt"`, `"c.txt"`))
		Expect(slices.IsSorted(keys)).To(BeFalse(), "seed 42 shuffles these three rows out of order")
	},
	"missing-checksum": func() {
		run, c := csvReport("missing-checksum")
		d := run()
		Expect(d.Keys).NotTo(ContainElement(HaveSuffix("manifest.checksum")))
		_, code := getBody(c, strings.TrimSuffix(d.ManifestKey, ".json")+".checksum")
		Expect(code).To(Equal("NoSuchKey"))
		Expect(verifies(c, d)).To(BeFalse())
	},
	"bad-checksum": func() {
		run, c := csvReport("bad-checksum")
		Expect(verifies(c, run())).To(BeFalse())
	},
	"bad-md5": func() {
		run, c := csvReport("bad-md5")
		d := run()
		m := readManifest(c, d)
		Expect(md5hex(mustGet(c, m.Files[0].Key))).NotTo(Equal(m.Files[0].MD5checksum))
		Expect(verifies(c, d)).To(BeFalse())
	},
	"truncated-data-file": func() {
		run, c := csvReport("truncated-data-file")
		d := run()
		m := readManifest(c, d)
		body := mustGet(c, m.Files[0].Key)
		Expect(int64(len(body))).To(Equal(m.Files[0].Size / 2))
		_, err := allMembers(body)
		Expect(err).To(MatchError(io.ErrUnexpectedEOF))
		Expect(verifies(c, d)).To(BeFalse())
	},
	"missing-data-file": func() {
		run, c := csvReport("missing-data-file")
		d := run()
		_, code := getBody(c, readManifest(c, d).Files[0].Key)
		Expect(code).To(Equal("NoSuchKey"))
		Expect(verifies(c, d)).To(BeFalse())
	},
	"stale-configuration": func() {
		f := startFake(example("stale-configuration"), "logs")
		c := f.client()
		// A client that reads once right after creating fails.
		Expect(putConfig(c, "logs", "daily")).To(Succeed())
		Expect(apiCode(getConfig(context.Background(), c, "logs", "daily"))).To(Equal("NoSuchConfiguration"))
		// One that polls, retrying NoSuchConfiguration as Terraform's provider does, passes.
		Expect(putConfig(c, "logs", "weekly")).To(Succeed())
		retried, err := 0, errors.New("not read yet")
		for ; err != nil && retried < 10; retried++ {
			if err = getConfig(context.Background(), c, "logs", "weekly"); apiCode(err) != "NoSuchConfiguration" && apiCode(err) != "NoSuchBucket" {
				break
			}
		}
		Expect(err).NotTo(HaveOccurred())
		Expect(retried).To(Equal(2), "two stale reads, then the third finds it")
		// And after a Delete, the configuration is still found at first.
		_, err = c.DeleteBucketInventoryConfiguration(context.Background(), &s3.DeleteBucketInventoryConfigurationInput{
			Bucket: aws.String("logs"), Id: aws.String("weekly")})
		Expect(err).NotTo(HaveOccurred())
		Expect(getConfig(context.Background(), c, "logs", "weekly")).To(Succeed())
	},
}
