"""boto3 (Debian's python3-boto3) against s3invmock: the inventory lifecycle path-style,
one virtual-hosted call, each step printed as "ok ..." or "FAIL ...".

usage: python3 lifecycle.py ENDPOINT PORT BUCKET
"""
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, port, bucket = sys.argv[1], sys.argv[2], sys.argv[3]


def step(name, f):
    try:
        detail = f()
    except Exception as e:  # every failure is one FAIL line, then the next step
        print(f"FAIL boto3 {name}: {e}")
        return
    print(f"ok   boto3 {name}" + (f": {detail}" if detail else ""))


def expect(cond, detail):
    if not cond:
        raise AssertionError(detail)
    return detail


# README: boto3, path-style
s3 = boto3.client(
    "s3",
    endpoint_url=endpoint,  # http://127.0.0.1:9090
    region_name="us-east-1",
    aws_access_key_id="AKIDEXAMPLE",
    aws_secret_access_key="secret",
    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
)
# README: boto3, virtual-hosted: BUCKET.localhost, reached through the fake itself as
# the HTTP proxy, so that no name has to resolve
virtual = boto3.client(
    "s3",
    endpoint_url=f"http://localhost:{port}",
    region_name="us-east-1",
    aws_access_key_id="AKIDEXAMPLE",
    aws_secret_access_key="secret",
    config=Config(
        s3={"addressing_style": "virtual"},
        proxies={"http": endpoint},
        retries={"max_attempts": 1},
    ),
)

config = {
    "Id": "daily",
    "IsEnabled": True,
    "Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::dest", "Format": "CSV", "Prefix": "inv/"}},
    "Schedule": {"Frequency": "Daily"},
    "IncludedObjectVersions": "Current",
    "OptionalFields": ["Size", "ETag"],
}


def code_of(f):
    try:
        f()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return "no error"


step("create bucket", lambda: s3.create_bucket(Bucket=bucket) and None)
step("put", lambda: s3.put_bucket_inventory_configuration(
    Bucket=bucket, Id="daily", InventoryConfiguration=config) and None)
step("get", lambda: expect(
    s3.get_bucket_inventory_configuration(Bucket=bucket, Id="daily")["InventoryConfiguration"] == config,
    "the configuration put"))
step("list", lambda: expect(
    [c["Id"] for c in s3.list_bucket_inventory_configurations(Bucket=bucket)["InventoryConfigurationList"]] == ["daily"],
    "daily"))
step("list, virtual-hosted", lambda: expect(
    [c["Id"] for c in virtual.list_bucket_inventory_configurations(Bucket=bucket)["InventoryConfigurationList"]] == ["daily"],
    "daily"))
step("delete", lambda: s3.delete_bucket_inventory_configuration(Bucket=bucket, Id="daily") and None)
step("get after delete", lambda: expect(
    code_of(lambda: s3.get_bucket_inventory_configuration(Bucket=bucket, Id="daily")) == "NoSuchConfiguration",
    "NoSuchConfiguration"))
step("delete bucket", lambda: s3.delete_bucket(Bucket=bucket) and None)
