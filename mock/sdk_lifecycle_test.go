package mock_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/inventory"
)

// apiError unwraps the smithy.APIError an SDK call failed with.
func apiError(err error) smithy.APIError {
	GinkgoHelper()
	var ae smithy.APIError
	Expect(errors.As(err, &ae)).To(BeTrue(), "not an API error: %v", err)
	return ae
}

var _ = Describe("the inventory lifecycle through aws-sdk-go-v2", func() {
	var (
		srv    *mock.Server
		client *s3.Client
		ctx    = context.Background()
	)
	BeforeEach(func() {
		s, hs := startFake()
		srv, client = s, sdkClient(hs)
		_, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
	})

	It("puts, gets, lists and deletes a configuration with every field", func() {
		in := sampleConfiguration("report1")
		in.IncludedObjectVersions = types.InventoryIncludedObjectVersionsAll
		in.Destination.S3BucketDestination.AccountId = aws.String("123456789012")
		in.Destination.S3BucketDestination.Prefix = aws.String("p1")
		in.Destination.S3BucketDestination.Encryption = &types.InventoryEncryption{
			SSEKMS: &types.SSEKMS{KeyId: aws.String("arn:aws:kms:us-east-1:123456789012:key/k1")}}
		in.Filter = &types.InventoryFilter{Prefix: aws.String("logs/")}
		in.OptionalFields = []types.InventoryOptionalField{"Size", "ETag"}
		_, err := client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
			Bucket: aws.String("reports"), Id: aws.String("report1"), InventoryConfiguration: in})
		Expect(err).NotTo(HaveOccurred())

		got, err := client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
			Bucket: aws.String("reports"), Id: aws.String("report1")})
		Expect(err).NotTo(HaveOccurred())
		c := got.InventoryConfiguration
		Expect(*c.Id).To(Equal("report1"))
		Expect(*c.IsEnabled).To(BeTrue())
		Expect(c.Destination.S3BucketDestination.Format).To(Equal(types.InventoryFormatCsv))
		Expect(*c.Destination.S3BucketDestination.AccountId).To(Equal("123456789012"))
		Expect(*c.Destination.S3BucketDestination.Prefix).To(Equal("p1"))
		Expect(*c.Destination.S3BucketDestination.Encryption.SSEKMS.KeyId).To(Equal("arn:aws:kms:us-east-1:123456789012:key/k1"))
		Expect(*c.Filter.Prefix).To(Equal("logs/"))
		Expect(c.OptionalFields).To(Equal([]types.InventoryOptionalField{"Size", "ETag"}))
		Expect(c.Schedule.Frequency).To(Equal(types.InventoryFrequencyDaily))

		list, err := client.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		Expect(list.InventoryConfigurationList).To(HaveLen(1))
		Expect(*list.IsTruncated).To(BeFalse())
		Expect(list.NextContinuationToken).To(BeNil())

		_, err = client.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{
			Bucket: aws.String("reports"), Id: aws.String("report1")})
		Expect(err).NotTo(HaveOccurred())
		cs, err := srv.Configurations("reports")
		Expect(err).NotTo(HaveOccurred())
		Expect(cs).To(BeEmpty())
	})

	It("replaces a configuration put again under the same Id", func() {
		Expect(putConfiguration(client, "reports", "r")).To(Succeed())
		in := sampleConfiguration("r")
		in.Schedule.Frequency = types.InventoryFrequencyWeekly
		_, err := client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
			Bucket: aws.String("reports"), Id: aws.String("r"), InventoryConfiguration: in})
		Expect(err).NotTo(HaveOccurred())
		cs, _ := srv.Configurations("reports")
		Expect(cs).To(HaveLen(1))
		Expect(cs[0].Schedule).To(Equal(inventory.Weekly))
	})

	It("accepts SSE-S3 as the Go SDK writes it and every one of the 19 optional fields", func() {
		in := sampleConfiguration("all")
		in.Destination.S3BucketDestination.Encryption = &types.InventoryEncryption{SSES3: &types.SSES3{}}
		for _, f := range inventory.OptionalFieldValues() {
			in.OptionalFields = append(in.OptionalFields, types.InventoryOptionalField(f))
		}
		_, err := client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
			Bucket: aws.String("reports"), Id: aws.String("all"), InventoryConfiguration: in})
		Expect(err).NotTo(HaveOccurred())
		got, err := client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
			Bucket: aws.String("reports"), Id: aws.String("all")})
		Expect(err).NotTo(HaveOccurred())
		Expect(got.InventoryConfiguration.OptionalFields).To(HaveLen(19))
		Expect(got.InventoryConfiguration.Destination.S3BucketDestination.Encryption.SSES3).NotTo(BeNil())
	})

	DescribeTable("answers each refusal with the exact S3 code and message",
		func(call func() error, code, message string) {
			err := call()
			Expect(err).To(HaveOccurred())
			ae := apiError(err)
			Expect(ae.ErrorCode()).To(Equal(code))
			Expect(ae.ErrorMessage()).To(Equal(message))
		},
		Entry("404 NoSuchBucket", func() error { return putConfiguration(client, "missing", "a") },
			"NoSuchBucket", "The specified bucket does not exist"),
		Entry("404 NoSuchConfiguration on Get", func() error {
			_, err := client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{Bucket: aws.String("reports"), Id: aws.String("nope")})
			return err
		}, "NoSuchConfiguration", "The specified configuration does not exist."),
		Entry("404 NoSuchConfiguration on Delete", func() error {
			_, err := client.DeleteBucketInventoryConfiguration(ctx, &s3.DeleteBucketInventoryConfigurationInput{Bucket: aws.String("reports"), Id: aws.String("nope")})
			return err
		}, "NoSuchConfiguration", "The specified configuration does not exist."),
		Entry("400 IdMismatch", func() error {
			_, err := client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
				Bucket: aws.String("reports"), Id: aws.String("a"), InventoryConfiguration: sampleConfiguration("b")})
			return err
		}, "IdMismatch", "Document ID does not match the specified configuration ID."),
		Entry("400 MalformedXML for an Id with a space", func() error {
			return putConfiguration(client, "reports", "has space")
		}, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"),
		Entry("400 MalformedXML for an unknown optional field", func() error {
			in := sampleConfiguration("f")
			in.OptionalFields = []types.InventoryOptionalField{"Etag"}
			_, err := client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
				Bucket: aws.String("reports"), Id: aws.String("f"), InventoryConfiguration: in})
			return err
		}, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema"),
		Entry("400 InvalidS3DestinationBucket for a bare name", func() error {
			in := sampleConfiguration("d")
			in.Destination.S3BucketDestination.Bucket = aws.String("dest")
			_, err := client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
				Bucket: aws.String("reports"), Id: aws.String("d"), InventoryConfiguration: in})
			return err
		}, "InvalidS3DestinationBucket", "Invalid bucket ARN."),
		Entry("400 InvalidS3DestinationBucket for an ARN with an account", func() error {
			in := sampleConfiguration("d")
			in.Destination.S3BucketDestination.Bucket = aws.String("arn:aws:s3::123456789012:dest")
			_, err := client.PutBucketInventoryConfiguration(ctx, &s3.PutBucketInventoryConfigurationInput{
				Bucket: aws.String("reports"), Id: aws.String("d"), InventoryConfiguration: in})
			return err
		}, "InvalidS3DestinationBucket", "Bucket ARN should not specify a namespace."),
		Entry("403 AccessDenied for another expected bucket owner", func() error {
			_, err := client.GetBucketInventoryConfiguration(ctx, &s3.GetBucketInventoryConfigurationInput{
				Bucket: aws.String("reports"), Id: aws.String("x"), ExpectedBucketOwner: aws.String("111122223333")})
			return err
		}, "AccessDenied", "Access Denied"),
		Entry("400 MalformedContinuationToken", func() error {
			_, err := client.ListBucketInventoryConfigurations(ctx, &s3.ListBucketInventoryConfigurationsInput{
				Bucket: aws.String("reports"), ContinuationToken: aws.String("forged")})
			return err
		}, "MalformedContinuationToken", "The continuation-token you provided invalid."),
		Entry("400 InvalidBucketName", func() error { return putConfiguration(client, "Bad_Name", "a") },
			"InvalidBucketName", "The specified bucket is not valid."),
		Entry("409 BucketAlreadyOwnedByYou outside us-east-1", func() error {
			in := &s3.CreateBucketInput{Bucket: aws.String("eu-reports"), CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraintEuWest1}}
			if _, err := client.CreateBucket(ctx, in); err != nil {
				return fmt.Errorf("first create: %w", err)
			}
			_, err := client.CreateBucket(ctx, in)
			return err
		}, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it."),
	)

	It("answers 400 TooManyConfigurations for a new Id at 1,000, and still replaces an existing one", func() {
		for i := range mock.MaxConfigurationsPerBucket {
			Expect(srv.PutConfigurationXML("reports", minimalDocument(fmt.Sprintf("c%04d", i)))).To(Succeed())
		}
		ae := apiError(putConfiguration(client, "reports", "one-too-many"))
		Expect(ae.ErrorCode()).To(Equal("TooManyConfigurations"))
		Expect(ae.ErrorMessage()).To(Equal(mock.TooManyConfigurationsMessage))
		Expect(putConfiguration(client, "reports", "c0500")).To(Succeed())
		cs, _ := srv.Configurations("reports")
		Expect(cs).To(HaveLen(mock.MaxConfigurationsPerBucket))
	})

	It("creates, heads, lists and deletes buckets, taking configurations along", func() {
		Expect(putConfiguration(client, "reports", "r")).To(Succeed())
		head, err := client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		Expect(*head.BucketRegion).To(Equal("us-east-1"))
		lb, err := client.ListBuckets(ctx, &s3.ListBucketsInput{})
		Expect(err).NotTo(HaveOccurred())
		Expect(lb.Buckets).To(HaveLen(1))
		Expect(*lb.Buckets[0].Name).To(Equal("reports"))
		Expect(*lb.Buckets[0].CreationDate).To(BeTemporally("==", fixedNow.Truncate(1000000)))
		_, err = client.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		_, err = client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("reports")})
		Expect(err).NotTo(HaveOccurred())
		cs, err := srv.Configurations("reports")
		Expect(err).NotTo(HaveOccurred())
		Expect(cs).To(BeEmpty())
	})

	It("journals each request with its AWS operation name", func() {
		Expect(putConfiguration(client, "reports", "r")).To(Succeed())
		j := srv.Journal()
		Expect(j).To(HaveLen(2))
		Expect(j[0].Operation).To(Equal(mock.CreateBucket))
		Expect(j[1].Operation).To(Equal(mock.PutBucketInventoryConfiguration))
		Expect(j[1].Bucket).To(Equal("reports"))
		Expect(j[1].ID).To(Equal("r"))
		Expect(j[1].Status).To(Equal(204))
		Expect(j[1].RequestID).To(MatchRegexp(`^[0-9A-HJKMNP-TV-Z]{16}$`))
		Expect(j[1].InvocationID).NotTo(BeEmpty())
		Expect(j[1].Attempt).To(Equal(1))
	})
})
