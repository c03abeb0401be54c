package identity_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock/identity"
)

const inventoryBody = `<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Destination><S3BucketDestination><Bucket>arn:aws:s3:::dest</Bucket><Format>CSV</Format></S3BucketDestination></Destination><Id>report1</Id><IncludedObjectVersions>All</IncludedObjectVersions><IsEnabled>true</IsEnabled><Schedule><Frequency>Daily</Frequency></Schedule></InventoryConfiguration>`

var _ = Describe("Verify", func() {
	var v *verifier
	BeforeEach(func() { v = newVerifier(now, ownerDirectory().Secret) })

	When("a request is signed in its header by the real aws-sdk-go-v2 signer", func() {
		It("accepts the Go SDK's PutBucketInventoryConfiguration", func() {
			body := []byte(inventoryBody)
			req := newRequest(v, http.MethodPut, "/b?id=report1&inventory=", body)
			req.Header.Set("Content-Type", "application/xml")
			sign(req, body)
			Expect(req.URL.RawQuery).To(Equal("id=report1&inventory="))
			Expect(v.Do(req)).To(BeNil())
		})

		It("accepts the Go SDK's GetBucketInventoryConfiguration", func() {
			req := newRequest(v, http.MethodGet, "/b?id=report1&inventory=&x-id=GetBucketInventoryConfiguration", nil)
			sign(req, nil)
			Expect(v.Do(req)).To(BeNil())
		})

		It("accepts the Go SDK's DeleteBucketInventoryConfiguration", func() {
			req := newRequest(v, http.MethodDelete, "/b?id=report1&inventory=", nil)
			sign(req, nil)
			Expect(v.Do(req)).To(BeNil())
		})

		It("accepts a List whose continuation token holds + / and =, percent-encoded", func() {
			req := newRequest(v, http.MethodGet, "/b?continuation-token=a%2Bb%2Fc%3D%3D&inventory=&x-id=ListBucketInventoryConfigurations", nil)
			sign(req, nil)
			Expect(req.URL.RawQuery).To(ContainSubstring("continuation-token=a%2Bb%2Fc%3D%3D"))
			Expect(v.Do(req)).To(BeNil())
		})

		It("accepts botocore's ?inventory&id=ID, a key without = in the caller's order", func() {
			req := newRequest(v, http.MethodGet, "/b?inventory&id=report1", nil)
			sign(req, nil)
			req.URL.RawQuery = "inventory&id=report1" // the signer normalised it; botocore sends this
			Expect(v.Do(req)).To(BeNil())
		})

		It("accepts the JavaScript SDK's slash after the bucket and its extra signed headers", func() {
			body := []byte(`<?xml version="1.0" encoding="UTF-8"?>` + inventoryBody)
			req := newRequest(v, http.MethodPut, "/b/?id=report1&inventory=", body)
			req.Header.Set("Content-Type", "application/xml")
			req.Header.Set("X-Amz-User-Agent", "aws-sdk-js/3.700.0")
			req.Header.Set("Amz-Sdk-Invocation-Id", "7a1c0f0e-0d4f-4f43-9a63-2b6f7f0f5c11")
			req.Header.Set("Amz-Sdk-Request", "attempt=1;   max=3") // inner runs of spaces collapse
			sign(req, body)
			Expect(v.Do(req)).To(BeNil())
		})

		It("accepts a virtual-hosted Host in another region", func() {
			req := newRequest(v, http.MethodGet, "/?id=report1&inventory=&x-id=GetBucketInventoryConfiguration", nil)
			req.Host = "b.s3.us-west-2.amazonaws.com"
			signAt(req, nil, owner, "us-west-2", now)
			Expect(v.Do(req)).To(BeNil())
		})

		It("accepts the CLI v2 signed-header set host;x-amz-content-sha256;x-amz-date with unsigned extras", func() {
			body := []byte(inventoryBody)
			req := newRequest(v, http.MethodPut, "/b?inventory&id=report1", body)
			req.ContentLength = 0 // sign as CLI v2 does: without content-length
			sign(req, body)
			req.ContentLength = int64(len(body))
			req.URL.RawQuery = "inventory&id=report1"
			req.Header.Set("Content-Type", "application/xml")
			req.Header.Set("User-Agent", "aws-cli/2.22.0")
			Expect(req.Header.Get("Authorization")).To(ContainSubstring("SignedHeaders=host;x-amz-content-sha256;x-amz-date,"))
			Expect(v.Do(req)).To(BeNil())
		})

		It("accepts an object path sent as-is: an escaped slash, //, .. and %20 are not normalised", func() {
			req := newRequest(v, http.MethodGet, "/b/a%2Fb//c/../d%20e?inventory=", nil)
			sign(req, nil)
			Expect(req.URL.EscapedPath()).To(Equal("/b/a%2Fb//c/../d%20e"))
			Expect(v.Do(req)).To(BeNil())
		})

		It("accepts query values with spaces, unicode and reserved characters", func() {
			req := newRequest(v, http.MethodGet, "/b?inventory=&continuation-token=%E2%9C%93%20x%21%2A%27%28%29~", nil)
			sign(req, nil)
			Expect(v.Do(req)).To(BeNil())
		})

		It("reads a literal + in the query as a space, as form-encoding clients mean it", func() {
			req := newRequest(v, http.MethodGet, "/b?inventory=&continuation-token=a+b", nil)
			sign(req, nil)
			Expect(req.URL.RawQuery).To(ContainSubstring("continuation-token=a%20b"))
			req.URL.RawQuery = "inventory=&continuation-token=a+b"
			Expect(v.Do(req)).To(BeNil())
		})

		It("accepts a request signed 15 minutes ahead of the server's clock, and one 15 minutes behind", func() {
			for _, at := range []time.Time{now.Add(identity.MaxSkew), now.Add(-identity.MaxSkew)} {
				req := newRequest(v, http.MethodGet, "/b?inventory=", nil)
				signAt(req, nil, owner, "us-east-1", at)
				Expect(v.Do(req)).To(BeNil())
			}
		})

		It("accepts UNSIGNED-PAYLOAD without looking at the body", func() {
			body := []byte(inventoryBody)
			req := newRequest(v, http.MethodPut, "/b?id=report1&inventory=", body)
			req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
			Expect(s3Signer(nil).SignHTTP(ctx(), owner, req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", now)).To(Succeed())
			Expect(v.Do(req)).To(BeNil())
		})

		It("accepts a STREAMING-* payload hash as the word the client signed, over an aws-chunked body", func() {
			const streaming = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
			framed := fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(inventoryBody), inventoryBody)
			req := newRequest(v, http.MethodPut, "/b?id=report1&inventory=", []byte(framed))
			req.Header.Set("X-Amz-Content-Sha256", streaming)
			req.Header.Set("X-Amz-Decoded-Content-Length", strconv.Itoa(len(inventoryBody)))
			Expect(s3Signer(nil).SignHTTP(ctx(), owner, req, streaming, "s3", "us-east-1", now)).To(Succeed())
			Expect(v.Do(req)).To(BeNil())
		})
	})

	When("a request is presigned by the real aws-sdk-go-v2 signer", func() {
		It("accepts the Go SDK's Get as a presigned URL until it expires", func() {
			req := newRequest(v, http.MethodGet, "/b?id=report1&inventory=&x-id=GetBucketInventoryConfiguration", nil)
			presigned := presignAt(req, "UNSIGNED-PAYLOAD", owner, now.Add(-14*time.Minute), "900")
			Expect(presigned.URL.RawQuery).To(ContainSubstring("X-Amz-Signature="))
			Expect(v.Do(presigned)).To(BeNil())
		})

		It("accepts a presigned URL signed days ago that has not expired", func() {
			req := newRequest(v, http.MethodGet, "/b?inventory=", nil)
			Expect(v.Do(presignAt(req, "UNSIGNED-PAYLOAD", owner, now.Add(-6*24*time.Hour), "604800"))).To(BeNil())
		})

		It("accepts a presigned PUT whose query carries X-Amz-Content-Sha256", func() {
			body := []byte(inventoryBody)
			req := newRequest(v, http.MethodPut, "/b?id=report1&inventory=", body)
			req.URL.RawQuery += "&X-Amz-Content-Sha256=" + sha256Hex(body)
			presigned := presignAt(req, sha256Hex(body), owner, now, "60")
			Expect(v.Do(presigned)).To(BeNil())
		})
	})
})

// ctx is the context of a signing call.
func ctx() context.Context { return context.Background() }
