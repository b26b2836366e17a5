"""The `access` config section: where the access-list exports are."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class AccessSettings(BaseModel):
    """Every key is optional; at least one file must be set for access.list to collect."""

    model_config = ConfigDict(extra="forbid")

    people_file: str | None = Field(
        None, description="persons CSV/YAML (person_id, email, job_function, ...)"
    )
    accounts_files: list[str] = Field(default_factory=list, description="generic accounts CSV/YAML files")
    hr_file: str | None = Field(None, description="HR joiners/leavers CSV")
    reviews_file: str | None = Field(None, description="access-review register CSV/YAML")
    role_matrix_file: str | None = Field(None, description="job function -> allowed roles and data scopes")
    roles_file: str | None = Field(None, description="role catalogue (role_id, grants_amazon_data, ...)")
    aws_credential_report_file: str | None = Field(None, description="AWS IAM credential report CSV")
    okta_users_file: str | None = Field(None, description="Okta users CSV export")
    google_users_file: str | None = Field(None, description="Google Workspace users CSV export")
    revocation_requests_file: str | None = Field(None, description="ad-hoc revocation requests CSV/YAML")
    fingerprint_key_file: str | None = Field(
        None, description="secret key for e-mail fingerprints (else $DPP_AUDITOR_FINGERPRINT_KEY)"
    )

    def configured_files(self) -> list[str]:
        singles = [
            self.people_file,
            self.hr_file,
            self.reviews_file,
            self.role_matrix_file,
            self.roles_file,
            self.aws_credential_report_file,
            self.okta_users_file,
            self.google_users_file,
            self.revocation_requests_file,
        ]
        return [f for f in singles if f] + list(self.accounts_files)
