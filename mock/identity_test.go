package mock_test

import (
	"context"
	"net/http/httptest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
)

// inventoryCall is one of the four inventory operations made through the SDK.
type inventoryCall func(c *s3.Client, bucket string) error

var (
	putCall inventoryCall = func(c *s3.Client, bucket string) error { return putConfiguration(c, bucket, "report2") }
	getCall inventoryCall = func(c *s3.Client, bucket string) error {
		_, err := c.GetBucketInventoryConfiguration(context.Background(),
			&s3.GetBucketInventoryConfigurationInput{Bucket: aws.String(bucket), Id: aws.String("report1")})
		return err
	}
	listCall inventoryCall = func(c *s3.Client, bucket string) error {
		_, err := c.ListBucketInventoryConfigurations(context.Background(),
			&s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String(bucket)})
		return err
	}
	deleteCall inventoryCall = func(c *s3.Client, bucket string) error {
		_, err := c.DeleteBucketInventoryConfiguration(context.Background(),
			&s3.DeleteBucketInventoryConfigurationInput{Bucket: aws.String(bucket), Id: aws.String("report1")})
		return err
	}
)

// expectRefused checks that err is the S3 error code with the table's message.
func expectRefused(err error, code mock.ErrorCode) {
	GinkgoHelper()
	Expect(err).To(HaveOccurred())
	ae := apiError(err)
	Expect(ae.ErrorCode()).To(Equal(string(code)), "message: %s", ae.ErrorMessage())
}

// bucketNames lists the buckets a client's ListBuckets shows.
func bucketNames(c *s3.Client) []string {
	GinkgoHelper()
	out, err := c.ListBuckets(context.Background(), &s3.ListBucketsInput{})
	Expect(err).NotTo(HaveOccurred())
	names := []string{}
	for _, b := range out.Buckets {
		names = append(names, *b.Name)
	}
	return names
}

func createBucket(c *s3.Client, name string) error {
	_, err := c.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)})
	return err
}

var _ = Describe("callers and their accounts with auth off", func() {
	var (
		srv                                   *mock.Server
		ts                                    *httptest.Server
		owner, reader, other, stranger, anons *s3.Client
	)
	BeforeEach(func() {
		srv, ts = startFake(mock.WithDirectory(identityDirectory()))
		Expect(srv.Auth()).To(Equal(identity.ModeOff))
		// Signed at a time 20 minutes off and never checked: auth is off.
		signer := newSigningAt(fixedNow.Add(-20 * time.Minute))
		owner = sdkClientAs(ts, static(ownerKey), signer)
		reader = sdkClientAs(ts, static(readerKey), signer)
		other = sdkClientAs(ts, static(otherKey), signer)
		stranger = sdkClientAs(ts, static(strangerKey), signer)
		anons = sdkClientAs(ts, aws.AnonymousCredentials{}, signer)
	})

	When("the key is not in the directory, or there is no key", func() {
		It("acts as the default account with every permission", func() {
			Expect(createBucket(stranger, "shared")).To(Succeed())
			Expect(srv.Buckets()).To(ConsistOf(HaveField("Owner", mock.DefaultAccount)))
			Expect(putCall(stranger, "shared")).To(Succeed())
			Expect(listCall(anons, "shared")).To(Succeed())
			Expect(bucketNames(anons)).To(Equal([]string{"shared"}))
			Expect(bucketNames(sdkClient(ts))).To(Equal([]string{"shared"}))
			Expect(srv.Journal()).To(HaveEach(HaveField("Account", mock.DefaultAccount)))
		})
	})

	When("the key is in the directory", func() {
		It("makes the key's account the owner of the bucket it creates", func() {
			Expect(createBucket(owner, "reports")).To(Succeed())
			Expect(srv.Buckets()).To(ConsistOf(HaveField("Owner", ownerAccount)))
			last := srv.Journal()[len(srv.Journal())-1]
			Expect(last.AccessKey).To(Equal(ownerKey.AccessKeyID))
			Expect(last.Account).To(Equal(ownerAccount))
		})

		It("lists only the caller's account's buckets, for each of its keys", func() {
			Expect(createBucket(owner, "owners")).To(Succeed())
			Expect(createBucket(other, "others")).To(Succeed())
			Expect(createBucket(stranger, "defaults")).To(Succeed())
			Expect(bucketNames(owner)).To(Equal([]string{"owners"}))
			Expect(bucketNames(reader)).To(Equal([]string{"owners"}))
			Expect(bucketNames(other)).To(Equal([]string{"others"}))
			Expect(bucketNames(stranger)).To(Equal([]string{"defaults"}))
			out, err := other.ListBuckets(context.Background(), &s3.ListBucketsInput{})
			Expect(err).NotTo(HaveOccurred())
			Expect(*out.Owner.ID).To(Equal(mock.CanonicalUserID(otherAccount)))
		})
	})

	When("another account's key calls on a bucket", func() {
		BeforeEach(func() {
			Expect(createBucket(owner, "reports")).To(Succeed())
			Expect(putConfiguration(owner, "reports", "report1")).To(Succeed())
		})

		DescribeTable("every inventory operation is 403 AccessDenied and changes nothing",
			func(call inventoryCall) {
				before := snapshotOf(srv)
				for _, c := range []*s3.Client{other, stranger, anons} {
					expectRefused(call(c, "reports"), mock.AccessDenied)
				}
				Expect(snapshotOf(srv)).To(Equal(before))
			},
			Entry("PutBucketInventoryConfiguration", putCall),
			Entry("GetBucketInventoryConfiguration", getCall),
			Entry("ListBucketInventoryConfigurations", listCall),
			Entry("DeleteBucketInventoryConfiguration", deleteCall),
		)

		It("answers NoSuchBucket before AccessDenied", func() {
			for _, call := range []inventoryCall{putCall, getCall, listCall, deleteCall} {
				expectRefused(call(other, "missing"), mock.NoSuchBucket)
				expectRefused(call(reader, "missing"), mock.NoSuchBucket)
			}
		})

		It("cannot take the bucket's name or delete it", func() {
			expectRefused(createBucket(other, "reports"), mock.BucketAlreadyExists)
			_, err := other.DeleteBucket(context.Background(), &s3.DeleteBucketInput{Bucket: aws.String("reports")})
			expectRefused(err, mock.AccessDenied)
			Expect(srv.Buckets()).To(ConsistOf(HaveField("Owner", ownerAccount)))
		})
	})

	When("the key may only read inventory (s3:GetInventoryConfiguration)", func() {
		BeforeEach(func() {
			Expect(createBucket(owner, "reports")).To(Succeed())
			Expect(putConfiguration(owner, "reports", "report1")).To(Succeed())
		})

		It("gets and lists", func() {
			Expect(getCall(reader, "reports")).To(Succeed())
			Expect(listCall(reader, "reports")).To(Succeed())
		})

		It("may not put, delete, create or delete a bucket: AccessDenied, state unchanged", func() {
			before := snapshotOf(srv)
			expectRefused(putCall(reader, "reports"), mock.AccessDenied)
			expectRefused(deleteCall(reader, "reports"), mock.AccessDenied)
			expectRefused(createBucket(reader, "readers"), mock.AccessDenied)
			// Permission comes before the body: a malformed CreateBucketConfiguration
			// from a key without s3:CreateBucket is still AccessDenied.
			_, err := reader.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String("readers"),
				CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "not a region"}})
			expectRefused(err, mock.AccessDenied)
			_, err = reader.DeleteBucket(context.Background(), &s3.DeleteBucketInput{Bucket: aws.String("reports")})
			expectRefused(err, mock.AccessDenied)
			Expect(snapshotOf(srv)).To(Equal(before))
		})
	})

	It("grants everything to s3:* and to a key without actions", func() {
		for _, c := range []*s3.Client{owner, other} {
			Expect(createBucket(c, "all")).To(Succeed())
			for _, call := range []inventoryCall{putCall, getCall, listCall, deleteCall} {
				Expect(putConfiguration(c, "all", "report1")).To(Succeed())
				Expect(call(c, "all")).To(Succeed())
			}
			_, err := c.HeadBucket(context.Background(), &s3.HeadBucketInput{Bucket: aws.String("all")})
			Expect(err).NotTo(HaveOccurred())
			_, err = c.DeleteBucket(context.Background(), &s3.DeleteBucketInput{Bucket: aws.String("all")})
			Expect(err).NotTo(HaveOccurred())
		}
	})

	It("takes its accounts from a loaded state, as from a seed file", func() {
		fresh, fts := startFake()
		Expect(fresh.LoadState(&mock.State{Accounts: identityAccounts(),
			Buckets: []mock.BucketState{{Name: "reports", Owner: ownerAccount}}})).To(Succeed())
		signer := newSigningAt(fixedNow)
		Expect(listCall(sdkClientAs(fts, static(readerKey), signer), "reports")).To(Succeed())
		expectRefused(putCall(sdkClientAs(fts, static(readerKey), signer), "reports"), mock.AccessDenied)
		expectRefused(listCall(sdkClientAs(fts, static(otherKey), signer), "reports"), mock.AccessDenied)
		expectRefused(listCall(sdkClient(fts), "reports"), mock.AccessDenied)
	})
})
