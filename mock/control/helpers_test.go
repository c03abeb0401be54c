package control_test

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// minimalConfig is a valid inventory configuration with Id daily.
func minimalConfig() *types.InventoryConfiguration {
	return &types.InventoryConfiguration{
		Id: aws.String("daily"), IsEnabled: aws.Bool(true),
		IncludedObjectVersions: types.InventoryIncludedObjectVersionsCurrent,
		Schedule:               &types.InventorySchedule{Frequency: types.InventoryFrequencyDaily},
		Destination: &types.InventoryDestination{S3BucketDestination: &types.InventoryS3BucketDestination{
			Bucket: aws.String("arn:aws:s3:::reports"), Format: types.InventoryFormatCsv,
		}},
	}
}
