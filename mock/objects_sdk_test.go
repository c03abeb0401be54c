package mock_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/s3/manager"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/object"
)

var _ = Describe("object reads through aws-sdk-go-v2", func() {
	var (
		srv    *mock.Server
		client *s3.Client
		ctx    = context.Background()
		when   = time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	)
	BeforeEach(func() {
		s, hs := startFake()
		srv, client = s, sdkClient(hs)
		Expect(srv.AddBucket("reports")).To(Succeed())
	})

	It("ListObjectsV2's paginator sees every key of 2,500 once, in order", func() {
		vs := make([]object.Version, 2500)
		want := make([]string, len(vs))
		for i := range vs {
			want[i] = fmt.Sprintf("inv/%05d.csv.gz", i)
			vs[i] = object.Version{Key: want[i], IsLatest: true, Size: 1, LastModifiedDate: when}
		}
		Expect(srv.PutObjectVersions("reports", vs...)).To(Succeed())
		var got []string
		pages := 0
		p := s3.NewListObjectsV2Paginator(client, &s3.ListObjectsV2Input{Bucket: aws.String("reports")})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			Expect(err).NotTo(HaveOccurred())
			pages++
			Expect(aws.ToInt32(page.KeyCount)).To(BeEquivalentTo(len(page.Contents)))
			for _, o := range page.Contents {
				got = append(got, aws.ToString(o.Key))
			}
		}
		Expect(pages).To(Equal(3))
		Expect(got).To(Equal(want))
	})

	It("groups common prefixes and counts each once against max-keys", func() {
		Expect(srv.PutObjectVersions("reports",
			object.Version{Key: "a/1", IsLatest: true, LastModifiedDate: when},
			object.Version{Key: "a/2", IsLatest: true, LastModifiedDate: when},
			object.Version{Key: "b", IsLatest: true, LastModifiedDate: when},
			object.Version{Key: "c/1", IsLatest: true, LastModifiedDate: when},
		)).To(Succeed())
		var seen []string
		p := s3.NewListObjectsV2Paginator(client, &s3.ListObjectsV2Input{Bucket: aws.String("reports"),
			Delimiter: aws.String("/"), MaxKeys: aws.Int32(1)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			Expect(err).NotTo(HaveOccurred())
			for _, cp := range page.CommonPrefixes {
				seen = append(seen, aws.ToString(cp.Prefix))
			}
			for _, o := range page.Contents {
				seen = append(seen, aws.ToString(o.Key))
			}
		}
		Expect(seen).To(Equal([]string{"a/", "b", "c/"}))
	})

	It("the transfer manager's downloader fetches a 20 MiB object in ranged parts, byte for byte", func() {
		const size = 20 << 20
		Expect(srv.PutObjectVersions("reports", object.Version{Key: "big.bin", IsLatest: true, Size: size, LastModifiedDate: when})).To(Succeed())
		want := make([]byte, size)
		_, err := object.NewFiller("big.bin", size).ReadAt(want, 0)
		Expect(err).NotTo(HaveOccurred())
		buf := manager.NewWriteAtBuffer(make([]byte, 0, size))
		// The deprecated downloader on purpose: it is what users' code runs today
		// (transfermanager, its successor, is at v0.x), and it reads with ranged GETs.
		//lint:ignore SA1019 the consumer under test
		d := manager.NewDownloader(client, func(d *manager.Downloader) { d.PartSize = 5 << 20; d.Concurrency = 2 })
		//lint:ignore SA1019 the consumer under test
		n, err := d.Download(ctx, buf, &s3.GetObjectInput{Bucket: aws.String("reports"), Key: aws.String("big.bin")})
		Expect(err).NotTo(HaveOccurred())
		Expect(n).To(BeEquivalentTo(size))
		Expect(bytes.Equal(buf.Bytes(), want)).To(BeTrue())
		ranged := 0
		for _, e := range srv.Journal() {
			if e.Operation == mock.GetObject && e.Status == 206 {
				ranged++
			}
		}
		Expect(ranged).To(Equal(4))
	})

	It("HeadObject and GetObject carry the object's headers", func() {
		Expect(srv.PutObjectVersions("reports", object.Version{Key: "k.json", VersionID: "v1", IsLatest: true,
			Body: []byte(`{"a":1}`), ContentType: "application/json", LastModifiedDate: when,
			EncryptionStatus: "SSE-KMS", KMSKeyID: "arn:aws:kms:us-east-1:123456789012:key/k1"})).To(Succeed())
		h, err := client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("reports"), Key: aws.String("k.json")})
		Expect(err).NotTo(HaveOccurred())
		Expect(aws.ToInt64(h.ContentLength)).To(BeEquivalentTo(7))
		Expect(aws.ToString(h.ContentType)).To(Equal("application/json"))
		Expect(aws.ToString(h.ETag)).To(Equal(`"` + md5Hex(`{"a":1}`) + `"`))
		Expect(aws.ToTime(h.LastModified)).To(Equal(when))
		Expect(h.ServerSideEncryption).To(Equal(types.ServerSideEncryptionAwsKms))
		Expect(aws.ToString(h.SSEKMSKeyId)).To(Equal("arn:aws:kms:us-east-1:123456789012:key/k1"))
		Expect(aws.ToString(h.VersionId)).To(Equal("v1"))
		g, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("reports"), Key: aws.String("k.json"), VersionId: aws.String("v1")})
		Expect(err).NotTo(HaveOccurred())
		body, err := io.ReadAll(g.Body)
		Expect(err).NotTo(HaveOccurred())
		Expect(string(body)).To(Equal(`{"a":1}`))
		Expect(aws.ToString(g.AcceptRanges)).To(Equal("bytes"))
	})

	It("GetObject of a missing key fails with NoSuchKey", func() {
		_, err := client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("reports"), Key: aws.String("nope")})
		var nsk *types.NoSuchKey
		Expect(errors.As(err, &nsk)).To(BeTrue(), "%v", err)
		Expect(err.Error()).To(ContainSubstring("operation error S3: GetObject"))
	})
})

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
