package mock_test

import (
	"context"
	"fmt"
	"net/url"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

const emptyList = `<?xml version="1.0" encoding="UTF-8"?><ListInventoryConfigurationsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>false</IsTruncated></ListInventoryConfigurationsResult>`

// listAll loops on IsTruncated as callers must: neither SDK has a paginator for this.
func listAll(client *s3.Client, bucket string) ([]string, int, error) {
	var ids []string
	var token *string
	pages := 0
	for {
		out, err := client.ListBucketInventoryConfigurations(context.Background(),
			&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(bucket), ContinuationToken: token})
		if err != nil {
			return ids, pages, err
		}
		pages++
		for _, c := range out.InventoryConfigurationList {
			ids = append(ids, *c.Id)
		}
		if !*out.IsTruncated {
			return ids, pages, nil
		}
		token = out.NextContinuationToken
	}
}

var _ = Describe("ListBucketInventoryConfigurations", func() {
	var srv *mock.Server
	var client *s3.Client
	BeforeEach(func() {
		s, hs := startFake()
		srv, client = s, sdkClient(hs)
		Expect(srv.AddBucket("reports")).To(Succeed())
	})

	fill := func(n int) []string {
		var ids []string
		for i := range n {
			id := fmt.Sprintf("cfg-%03d", (i*7919)%n) // put out of order
			Expect(srv.PutConfigurationXML("reports", minimalDocument(id))).To(Succeed())
			ids = append(ids, id)
		}
		sort.Strings(ids)
		return ids
	}

	It("answers an empty bucket with the recorded bytes and no Content-Type", func() {
		_, ts := startFake()
		r := do(ts, "PUT", "/empty", []byte{})
		Expect(r.Status).To(Equal(200))
		r = do(ts, "GET", "/empty?inventory", nil)
		Expect(r.Status).To(Equal(200))
		Expect(string(r.Body)).To(Equal(emptyList))
		Expect(r.Header).NotTo(HaveKey("Content-Type"))
	})

	It("loops over 250 configurations in three pages of 100, 100 and 50, in byte order", func() {
		want := fill(250)
		got, pages, err := listAll(client, "reports")
		Expect(err).NotTo(HaveOccurred())
		Expect(pages).To(Equal(3))
		Expect(got).To(Equal(want))
	})

	It("sorts Ids in byte order: upper case before lower case, digits first", func() {
		for _, id := range []string{"b", "B", "a", "1", "_x", "A-"} {
			Expect(srv.PutConfigurationXML("reports", minimalDocument(id))).To(Succeed())
		}
		got, _, err := listAll(client, "reports")
		Expect(err).NotTo(HaveOccurred())
		Expect(got).To(Equal([]string{"1", "A-", "B", "_x", "a", "b"}))
	})

	It("keeps a token valid when configurations are added or deleted between pages", func() {
		ids := fill(150)
		ctx := context.Background()
		first, err := client.ListBucketInventoryConfigurations(ctx,
			&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		Expect(*first.IsTruncated).To(BeTrue())
		Expect(first.InventoryConfigurationList).To(HaveLen(100))
		// Delete the last Id returned and one not yet returned; add one before and one after.
		for _, id := range []string{ids[99], ids[120]} {
			_, err = client.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{Bucket: aws.String("reports"), Id: aws.String(id)})
			Expect(err).NotTo(HaveOccurred())
		}
		Expect(srv.PutConfigurationXML("reports", minimalDocument("aaa"))).To(Succeed())
		Expect(srv.PutConfigurationXML("reports", minimalDocument("zzz"))).To(Succeed())
		second, err := client.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{
			Bucket: aws.String("reports"), ContinuationToken: first.NextContinuationToken})
		Expect(err).NotTo(HaveOccurred())
		var got []string
		for _, c := range second.InventoryConfigurationList {
			got = append(got, *c.Id)
		}
		want := append(append(append([]string{}, ids[100:120]...), ids[121:]...), "zzz")
		Expect(got).To(Equal(want))
		Expect(*second.IsTruncated).To(BeFalse())
		Expect(*second.ContinuationToken).To(Equal(*first.NextContinuationToken))
		Expect(second.NextContinuationToken).To(BeNil())
	})

	It("echoes an empty continuation-token and lists from the start", func() {
		_, ts := startFake()
		do(ts, "PUT", "/empty", []byte{})
		r := do(ts, "GET", "/empty?inventory&continuation-token=", nil)
		Expect(r.Status).To(Equal(200))
		Expect(string(r.Body)).To(Equal(`<?xml version="1.0" encoding="UTF-8"?><ListInventoryConfigurationsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>false</IsTruncated><ContinuationToken></ContinuationToken></ListInventoryConfigurationsResult>`))
	})

	It("decodes a percent-encoded token, echoes it decoded and refuses a forged, truncated or foreign one", func() {
		srv, ts := startFake()
		Expect(srv.AddBucket("reports")).To(Succeed())
		Expect(srv.AddBucket("other")).To(Succeed())
		for i := range 101 {
			Expect(srv.PutConfigurationXML("reports", minimalDocument(fmt.Sprintf("c%03d", i)))).To(Succeed())
			Expect(srv.PutConfigurationXML("other", minimalDocument(fmt.Sprintf("c%03d", i)))).To(Succeed())
		}
		first := do(ts, "GET", "/reports?inventory", nil)
		token := between(string(first.Body), "<NextContinuationToken>", "</NextContinuationToken>")
		Expect(token).NotTo(BeEmpty())
		Expect(string(first.Body)).To(HaveSuffix("<IsTruncated>true</IsTruncated><NextContinuationToken>" + token + "</NextContinuationToken></ListInventoryConfigurationsResult>"))

		second := do(ts, "GET", "/reports?inventory&continuation-token="+url.QueryEscape(token), nil)
		Expect(second.Status).To(Equal(200))
		Expect(string(second.Body)).To(HaveSuffix("<Id>c100</Id>" + string(minimalDocument("c100"))[len(`<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>c100</Id>`):len(minimalDocument("c100"))-len("</InventoryConfiguration>")] +
			"</InventoryConfiguration><IsTruncated>false</IsTruncated><ContinuationToken>" + token + "</ContinuationToken></ListInventoryConfigurationsResult>"))

		for _, bad := range []string{"forged", token[:len(token)-4], token + "AA"} {
			r := do(ts, "GET", "/reports?inventory&continuation-token="+url.QueryEscape(bad), nil)
			Expect(r.Status).To(Equal(400))
			Expect(string(r.Body)).To(Equal(errorBody(r, false, "MalformedContinuationToken", "The continuation-token you provided invalid.")))
		}
		foreign := do(ts, "GET", "/other?inventory&continuation-token="+url.QueryEscape(token), nil)
		Expect(foreign.Status).To(Equal(400))
		Expect(string(foreign.Body)).To(Equal(errorBody(foreign, false, "MalformedContinuationToken", "The continuation-token you provided invalid.")))
		otherSrv, otherTS := startFake(mock.WithTokenKey([]byte("another server")))
		Expect(otherSrv.AddBucket("reports")).To(Succeed())
		Expect(do(otherTS, "GET", "/reports?inventory&continuation-token="+url.QueryEscape(token), nil).Status).To(Equal(400))
	})

	It("answers 404 NoSuchBucket to a client paginating over a deleted bucket", func() {
		fill(150)
		first, err := client.ListBucketInventoryConfigurations(context.Background(),
			&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		_, err = client.DeleteBucket(context.Background(), &s3.DeleteBucketInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		_, err = client.ListBucketInventoryConfigurations(context.Background(),
			&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("reports"), ContinuationToken: first.NextContinuationToken})
		Expect(apiError(err).ErrorCode()).To(Equal("NoSuchBucket"))
	})
})

func between(s, open, close string) string {
	i := indexOf(s, open)
	if i < 0 {
		return ""
	}
	s = s[i+len(open):]
	j := indexOf(s, close)
	if j < 0 {
		return ""
	}
	return s[:j]
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
