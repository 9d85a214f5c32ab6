#!/bin/sh
# One-shot MinIO setup for docker compose (service `minio-init`), idempotent:
#  - the `guildhall` bucket, private;
#  - an application user (GUILDHALL_S3_ACCESS_KEY / GUILDHALL_S3_SECRET_KEY from .env) whose
#    policy allows object access to that bucket only. The services never see the root login.
set -eu
: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${GUILDHALL_S3_ACCESS_KEY:?}" "${GUILDHALL_S3_SECRET_KEY:?}"
bucket="${GUILDHALL_S3_BUCKET:-guildhall}"

mc alias set guildhall http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
mc mb --ignore-existing "guildhall/$bucket"
mc anonymous set none "guildhall/$bucket"

policy=/tmp/guildhall-app-policy.json
cat >"$policy" <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
     "Resource": ["arn:aws:s3:::$bucket"]},
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                                   "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
     "Resource": ["arn:aws:s3:::$bucket/*"]}
  ]
}
JSON
mc admin policy create guildhall guildhall-app "$policy"
mc admin user add guildhall "$GUILDHALL_S3_ACCESS_KEY" "$GUILDHALL_S3_SECRET_KEY"
# attach once (attaching twice is an error); plain sh: the minimal mc image may lack grep
case "$(mc admin user info guildhall "$GUILDHALL_S3_ACCESS_KEY")" in
  *guildhall-app*) ;;
  *) mc admin policy attach guildhall guildhall-app --user "$GUILDHALL_S3_ACCESS_KEY" ;;
esac
echo "bucket $bucket and application user ready"
