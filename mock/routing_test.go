package mock_test

import (
	"net/http/httptest"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
)

var _ = Describe("routing by the set of query keys", func() {
	var (
		srv *mock.Server
		ts  *httptest.Server
	)
	BeforeEach(func() {
		srv, ts = startFake()
		Expect(srv.AddBucket("reports")).To(Succeed())
		Expect(srv.PutConfigurationXML("reports", minimalDocument("report1"))).To(Succeed())
	})

	lastOperation := func() mock.Operation {
		j := srv.Journal()
		return j[len(j)-1].Operation
	}

	DescribeTable("chooses the operation whatever the key order and spelling",
		func(method, target string, want mock.Operation, status int) {
			var body []byte
			if method == "PUT" {
				body = minimalDocument("report1")
			}
			r := do(ts, method, target, body)
			Expect(r.Status).To(Equal(status), string(r.Body))
			Expect(lastOperation()).To(Equal(want))
		},
		Entry("Go SDK Put", "PUT", "/reports?id=report1&inventory=", mock.PutBucketInventoryConfiguration, 204),
		Entry("botocore Put", "PUT", "/reports?inventory&id=report1", mock.PutBucketInventoryConfiguration, 204),
		Entry("JS SDK Put with a slash after the bucket", "PUT", "/reports/?id=report1&inventory=", mock.PutBucketInventoryConfiguration, 204),
		Entry("Go SDK Get with x-id", "GET", "/reports?id=report1&inventory=&x-id=GetBucketInventoryConfiguration", mock.GetBucketInventoryConfiguration, 200),
		Entry("botocore Get", "GET", "/reports?inventory&id=report1", mock.GetBucketInventoryConfiguration, 200),
		Entry("Get wins over a continuation-token", "GET", "/reports?inventory&id=report1&continuation-token=x", mock.GetBucketInventoryConfiguration, 200),
		Entry("List without id", "GET", "/reports?inventory", mock.ListBucketInventoryConfigurations, 200),
		Entry("List with an empty id", "GET", "/reports?inventory&id=", mock.ListBucketInventoryConfigurations, 200),
		Entry("List with x-id and unknown keys", "GET", "/reports?x-id=ListBucketInventoryConfigurations&inventory=&foo=bar", mock.ListBucketInventoryConfigurations, 200),
		Entry("the bucket's answer at an object path", "GET", "/reports/some/key?inventory&id=report1", mock.GetBucketInventoryConfiguration, 200),
		Entry("Delete", "DELETE", "/reports?inventory&id=report1", mock.DeleteBucketInventoryConfiguration, 204),
		Entry("ListObjects without list-type", "GET", "/reports", mock.ListObjects, 200),
		Entry("ListObjects with list-type 1", "GET", "/reports?list-type=1", mock.ListObjects, 200),
		Entry("ListObjects with list-type bogus", "GET", "/reports?list-type=bogus", mock.ListObjects, 200),
		Entry("ListObjectsV2", "GET", "/reports?list-type=2&x-id=ListObjectsV2", mock.ListObjectsV2, 200),
		Entry("ListObjectsV2 at the JS SDK's /b/", "GET", "/reports/?list-type=2", mock.ListObjectsV2, 200),
		Entry("GetObject", "GET", "/reports/key", mock.GetObject, 404),
		Entry("HeadObject", "HEAD", "/reports/some/key?versionId=null", mock.HeadObject, 404),
		Entry("PutObject is not implemented", "PUT", "/reports/key", mock.UnsupportedOperation, 501),
		Entry("DeleteObject is not implemented", "DELETE", "/reports/key", mock.UnsupportedOperation, 501),
		Entry("CopyObject is not implemented", "PUT", "/reports/key?x-id=CopyObject", mock.UnsupportedOperation, 501),
		Entry("a multipart upload is not implemented", "POST", "/reports/key?uploads", mock.UnsupportedOperation, 501),
		Entry("ListParts is not implemented", "GET", "/reports/key?uploadId=u1", mock.UnsupportedOperation, 501),
		Entry("a partNumber read is not implemented", "GET", "/reports/key?partNumber=1", mock.UnsupportedOperation, 501),
		Entry("another subresource is not implemented", "GET", "/reports?acl", mock.UnsupportedOperation, 501),
		Entry("ListBuckets", "GET", "/", mock.ListBuckets, 200),
		Entry("HeadBucket", "HEAD", "/reports", mock.HeadBucket, 200),
	)

	It("keys are case-sensitive: ?Inventory is not the inventory subresource, so the bucket is listed", func() {
		r := do(ts, "GET", "/reports?Inventory", nil)
		Expect(r.Status).To(Equal(200))
		Expect(string(r.Body)).To(ContainSubstring("<ListBucketResult "))
	})

	DescribeTable("answers 405 MethodNotAllowed to other methods on ?inventory",
		func(method string) {
			r := do(ts, method, "/reports?inventory&id=report1", nil)
			Expect(r.Status).To(Equal(405))
			Expect(r.Header.Get("Content-Type")).To(Equal("application/xml"))
			Expect(string(r.Body)).To(Equal(errorBody(r, true, "MethodNotAllowed",
				"The specified method is not allowed against this resource.", "Method", method, "ResourceType", "INVENTORY")))
		},
		Entry("POST", "POST"), Entry("PATCH", "PATCH"),
	)

	It("answers HEAD on ?inventory with 405 and no body", func() {
		r := do(ts, "HEAD", "/reports?inventory", nil)
		Expect(r.Status).To(Equal(405))
		Expect(r.Body).To(BeEmpty())
	})

	It("answers 400 InvalidArgument to two bucket selectors, naming them in sorted order", func() {
		r := do(ts, "GET", "/reports?inventory&acl", nil)
		Expect(r.Status).To(Equal(400))
		Expect(string(r.Body)).To(Equal(errorBody(r, true, "InvalidArgument",
			"Conflicting query string parameters: acl, inventory", "ArgumentName", "ResourceType", "ArgumentValue", "acl")))
	})

	DescribeTable("answers 400 InvalidArgument to Put and Delete without an id",
		func(method, target string) {
			r := do(ts, method, target, minimalDocument("report1"))
			Expect(r.Status).To(Equal(400))
			Expect(string(r.Body)).To(Equal(errorBody(r, true, "InvalidArgument", mock.MissingIDMessage,
				"ArgumentName", "id", "ArgumentValue", "")))
		},
		Entry("Put without id", "PUT", "/reports?inventory"),
		Entry("Put with id=", "PUT", "/reports?inventory&id="),
		Entry("Delete without id", "DELETE", "/reports?inventory"),
	)

	It("answers 501 NotImplemented naming the subresource", func() {
		r := do(ts, "GET", "/reports?lifecycle", nil)
		Expect(string(r.Body)).To(Equal(errorBody(r, true, "NotImplemented",
			"A header you provided implies functionality that is not implemented", "Header", "lifecycle")))
	})

	It("answers 400 InvalidBucketName before looking the bucket up", func() {
		r := do(ts, "GET", "/Bad_Bucket?inventory", nil)
		Expect(r.Status).To(Equal(400))
		Expect(string(r.Body)).To(Equal(errorBody(r, true, "InvalidBucketName", "The specified bucket is not valid.", "BucketName", "Bad_Bucket")))
	})

	It("never treats /_mock/ as a bucket", func() {
		r := do(ts, "GET", "/_mock/scenarios", nil)
		Expect(r.Status).To(Equal(404))
		Expect(r.Header.Get("Content-Type")).To(Equal("application/json"))
	})

	DescribeTable("serves virtual-hosted addressing on the default base names",
		func(host string) {
			r := do(ts, "GET", "/?inventory&id=report1", nil, "Host", host)
			Expect(r.Status).To(Equal(200), string(r.Body))
			Expect(lastOperation()).To(Equal(mock.GetBucketInventoryConfiguration))
			Expect(srv.Journal()[len(srv.Journal())-1].Bucket).To(Equal("reports"))
		},
		Entry("s3.amazonaws.com", "reports.s3.amazonaws.com"),
		Entry("s3.{region}.amazonaws.com", "reports.s3.eu-west-1.amazonaws.com"),
		Entry("localhost with a port", "reports.localhost:9090"),
		Entry("a fully qualified name with its trailing dot", "reports.s3.amazonaws.com."),
	)

	It("reads a dotted bucket name from a virtual host and keeps path-style on the bare base", func() {
		Expect(srv.AddBucket("my.reports")).To(Succeed())
		Expect(do(ts, "GET", "/?inventory", nil, "Host", "my.reports.s3.amazonaws.com").Status).To(Equal(200))
		Expect(srv.Journal()[len(srv.Journal())-1].Bucket).To(Equal("my.reports"))
		Expect(do(ts, "GET", "/reports?inventory", nil, "Host", "s3.us-west-2.amazonaws.com").Status).To(Equal(200))
		Expect(srv.Journal()[len(srv.Journal())-1].Bucket).To(Equal("reports"))
	})

	It("takes base names from WithHosts", func() {
		srv, ts := startFake(mock.WithHosts("s3.localhost.localstack.cloud"))
		Expect(srv.AddBucket("reports")).To(Succeed())
		Expect(do(ts, "GET", "/?inventory", nil, "Host", "reports.s3.localhost.localstack.cloud:4566").Status).To(Equal(200))
		Expect(do(ts, "GET", "/", nil, "Host", "reports.localhost").Status).To(Equal(200)) // not a base here: ListBuckets
		Expect(srv.Journal()[1].Operation).To(Equal(mock.ListBuckets))
	})

	It("sends S3's headers on every answer", func() {
		for _, r := range []rawResponse{do(ts, "GET", "/reports?inventory", nil), do(ts, "GET", "/missing?inventory", nil), do(ts, "GET", "/", nil)} {
			Expect(r.Header.Get("x-amz-request-id")).To(MatchRegexp(`^[0-9A-HJKMNP-TV-Z]{16}$`))
			Expect(r.Header.Get("x-amz-id-2")).To(MatchRegexp(`^[A-Za-z0-9+/]+=*$`))
			Expect(r.Header.Get("Server")).To(Equal("AmazonS3"))
			Expect(r.Header.Get("Date")).To(Equal("Wed, 25 Nov 2026 12:00:00 GMT"))
		}
	})
})
