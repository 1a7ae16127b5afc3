"""Every place where Scripts/act-e2e makes up for moto or act differing from AWS or GitHub, and nothing else.

Each compensation, every time it is used, appends one JSON line {"kind", "message", ...} to the file named by
ACT_E2E_COMPENSATION_LOG; Scripts/act-e2e prints each as `compensation: MESSAGE`. A compensation adds what the
stand-in lacks (AWS's or GitHub's behaviour, evaluated on the real inputs); it never supplies an expected result.

moto (applied inside the moto_server process by Scripts/act/moto_server.py, through patch_moto()):
  oidc-provider      moto's CloudFormation has no AWS::IAM::OIDCProvider (the resource is skipped, and a Ref to
                     it resolves to nothing, so the roles' trust policies lose their Federated principal). The
                     resource is created through moto's own IAM API, and Ref gives its ARN, as CloudFormation does.
  change-set-outputs moto builds a stack's Outputs from the template the stack had when its first change set was
                     created (none), and does not rebuild them when a change set is executed. They are rebuilt
                     from the executed template, by moto's own template engine.
  change-set-tags    moto keeps a stack's tags when it executes a change set of type UPDATE; CloudFormation gives
                     the stack the change set's tags. The stack takes the executed change set's tags.
  empty-change-set   moto refuses CreateChangeSet with "No updates are to be performed." when the template and
                     parameters equal the stack's; CloudFormation creates the change set and fails it (status
                     FAILED, "The submitted information didn't contain changes. ..."), which is what a deploy job
                     waits for and reads. moto's refusal is skipped for CreateChangeSet only (UpdateStack keeps it),
                     so moto's own model creates the change set and marks it FAILED with that reason.
  change-set-list    moto's ListChangeSets ignores StackName and lists the change sets of every stack of the
                     account; the answer is narrowed to the named stack, as CloudFormation does.
  trust-policy       moto's STS hands out credentials for any role and any token. AssumeRoleWithWebIdentity is
                     checked as IAM does: the role exists, a statement allows sts:AssumeRoleWithWebIdentity for
                     the account's OIDC provider of the token's issuer (which must list the token's audience),
                     and its conditions on `ISSUER:sub` / `ISSUER:aud` hold (StringEquals, StringLike; any other
                     operator or key fails closed). Otherwise the call fails with AccessDenied, as on AWS.
  kms-key-policy     moto's KMS lets any caller use any key of its account. For a caller using an assumed role,
                     GenerateDataKey, Encrypt and Decrypt are checked against the key policy as KMS does: a
                     statement allows the action for the role's ARN, "*", or the role's account root, and its
                     conditions hold (StringEquals / StringLike on kms:EncryptionContext:KEY against the request's
                     context, ArnEquals / ArnLike on aws:PrincipalArn against the role's ARN; any other operator or
                     key fails closed). A grant through the account root delegates to IAM, and a key of another
                     account always needs IAM too: then the role's own policies must allow the action on the key's
                     ARN, evaluated with resources and the same conditions (explicit Deny wins). Otherwise
                     AccessDeniedException, as on AWS.
  kms-cross-account  moto looks a ciphertext's key up in the caller's account only (its ciphertext carries the key
                     ID, not the ARN), so a role of an environment account cannot decrypt with the pipeline
                     account's key. Decrypt finds the key by that ID (a UUID, unique) in whichever account holds it
                     in the request's region, applies kms-key-policy to it (key policy and the role's IAM policy,
                     as KMS does across accounts), and decrypts with that account's key. Noted on each use.
  drift-detection    moto has no drift detection (DetectStackDrift, DescribeStackDriftDetectionStatus and
                     DescribeStackResourceDrifts are not implemented). The narrowest stand-in: each
                     AWS::SSM::Parameter of the stack is compared with its template (Name and Value, with Ref and
                     Fn::Sub of the stack's parameters and AWS::StackName resolved): MODIFIED when the parameter's
                     current value differs, DELETED when it is gone, IN_SYNC otherwise; every other resource type is
                     NOT_CHECKED, as CloudFormation reports a type it cannot check. Detection completes at once.
  iam-policy         moto does not evaluate the roles' IAM policies. A call made with a role the bootstrap created
                     (any role that exists in moto's IAM) is refused unless an Allow statement of the role's inline
                     or managed policies covers its action (Action patterns, or NotAction), or a Deny statement on
                     every resource names it; CreateChangeSet with a RoleARN also needs iam:PassRole. Resources and
                     conditions are not evaluated, so this only ever refuses what IAM would refuse too. KMS calls are
                     left to kms-key-policy, sts:GetCallerIdentity needs no permission. Each allowed role and action
                     is noted once, each refusal every time.
  sam-transform      moto does not run the AWS::Serverless-2016-10-31 transform: a SAM template's
                     AWS::Serverless::Function is skipped (no function, no role). A template (a stack's or a change
                     set's) that declares the transform is expanded with aws-sam-translator, the open-source
                     implementation of that transform, before moto builds its resources; the stack keeps the
                     template as submitted (GetTemplate), as CloudFormation's Original stage does.

act (applied by Scripts/act-e2e and Scripts/act/oidc_server.py):
  artifact-actions   the pinned upload/download-artifact commits have no offline copy; /work/shared/actions holds
                     stand-ins that speak act's artifact protocol (see its README). artifact_substitutes() maps
                     each pin to its stand-in, from the README's table.
  id-token           act ignores `permissions:`; GitHub gives a job no token request URL unless it is granted
                     `id-token: write`. The token server refuses such jobs (id_token_refusal()).
  environments       act ignores environment protection rules. environment_gate() checks each job bound to an
                     environment against the rules the next steps told the user to create (deployment branches,
                     required reviewers) and reports what GitHub would have done. For a flow that stops at an
                     approval (FLOWS' `approve`), environment_hold() holds the OIDC token request of a job whose
                     environment has required reviewers until the harness approves, after its pre-approval checks:
                     the job's earlier steps run (act starts it at once), but it reaches no AWS role before then.
  retention-days     act sets GITHUB_RETENTION_DAYS=0 (upload-artifact then cuts retention to 0 days); GitHub sets the
                     repository's setting, 90 by default. act_arguments() passes 90.
  pip-offline        the jobs' pip would install the hash locks the workflow embeds (the SAM CLI's, cfn-lint's) from
                     PyPI, which the harness's machine reaches only through its install scripts. Those download
                     every locked wheel once (sam_chain.py wheelhouse, `pip download --require-hashes`), and
                     wheelhouse_arguments() gives the jobs PIP_NO_INDEX=1 and PIP_FIND_LINKS=WHEELHOUSE: the same
                     wheels, still checked against the lock's hashes. Used by the sam chain.
  checkout           act does not run actions/checkout for the repository under test (no github.com here): it
                     copies the working tree of the scratch repository, a clean clone of one commit. Only noted.

Known differences left as they are (so a passing run does not claim them):
  - IAM policies are evaluated by action only (iam-policy above): a call a role's policy allows on other
    resources only still succeeds. The records say which role made which call on which stack.
  - moto does not verify the OIDC token's signature or expiry; the token server's tokens are unsigned.
  - KMS across accounts is compensated for Decrypt only (kms-cross-account); GenerateDataKey and Encrypt with
    another account's key ARN are not (the workflows encrypt with an alias, in the pipeline account).
  - Key policies and the roles' KMS permissions are evaluated for the workflows' roles only; the harness's
    own administrator sessions are not checked.
  - moto decides that a change set is empty from the template and parameters alone (empty-change-set then
    applies); CloudFormation also weighs the stack's tags, capabilities and execution role. The flows push the
    same commit again, so the tags are the same either way.
  - drift-detection checks AWS::SSM::Parameter resources only (the fixture's); any other resource type is
    NOT_CHECKED, so a drift in it is not seen.
  - act ignores `concurrency:`. Required reviewers are reported by environment_gate(); a held job
    (environment_hold) has already run its steps before the token when it is approved.
  - sam-transform gives aws-sam-translator no managed policy names (a function's `Policies` naming an AWS managed
    policy by name would fail to expand); the sam chain's function names none.
  - moto does not evaluate S3 bucket policies: that an environment's execution role may read the pipeline
    account's package (the bucket policy the next steps describe, which the sam chain sets) is not checked,
    nor are the execution roles' policies for the resources CloudFormation creates (so the next steps'
    ExecutionPolicyArns for templates that create IAM roles is not followed in the sam chain).
  - The checks' own probes (a role's credentials obtained as a job obtains them, to show what it is refused)
    ask the token server with `by=act-e2e-checks`: logged as the harness's, never held.
"""
import fnmatch
import json
import os
import re
import sys

OIDC_PROVIDER_TYPE = "AWS::IAM::OIDCProvider"


def note(kind, message, **details):
    """Record one use of a compensation (printed by Scripts/act-e2e as `compensation: MESSAGE`)."""
    path = os.environ.get("ACT_E2E_COMPENSATION_LOG")
    entry = {"kind": kind, "message": message, **details}
    if path:
        with open(path, "a") as handle:
            handle.write(json.dumps(entry, sort_keys=True) + "\n")
    else:
        print(f"compensation: {message}", file=sys.stderr)


# --- moto ------------------------------------------------------------------------------------------


def patch_moto():
    """Install the moto compensations; call before moto's server handles its first request."""
    _add_oidc_provider_resource()
    _rebuild_outputs_after_change_set()
    _create_empty_change_sets_as_failed()
    _list_change_sets_of_the_stack()
    _evaluate_web_identity_trust()
    _evaluate_key_policies()
    _evaluate_identity_policies_by_action()
    _detect_drift_of_ssm_parameters()
    _expand_sam_transform()


def _add_oidc_provider_resource():
    from moto.cloudformation import parsing
    from moto.core.common_models import CloudFormationModel
    from moto.iam.models import iam_backends
    from moto.utilities.utils import get_partition

    class OIDCProviderResource(CloudFormationModel):
        __module__ = "moto.iam.models"  # moto files every model under the service its module names

        def __init__(self, provider):
            self.provider = provider

        @staticmethod
        def cloudformation_name_type():
            return ""

        @staticmethod
        def cloudformation_type():
            return OIDC_PROVIDER_TYPE

        @classmethod
        def has_cfn_attr(cls, attr):
            return attr == "Arn"

        @property
        def physical_resource_id(self):
            return self.provider.arn

        def get_cfn_attribute(self, attribute_name):
            if attribute_name == "Arn":
                return self.provider.arn
            from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

            raise UnformattedGetAttTemplateException()

        @classmethod
        def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
            properties = cloudformation_json.get("Properties", {})
            backend = iam_backends[account_id][get_partition(region_name)]
            provider = backend.create_open_id_connect_provider(
                url=properties["Url"],
                thumbprint_list=properties.get("ThumbprintList", []),
                client_id_list=properties.get("ClientIdList", []),
                tags=properties.get("Tags", []),
            )
            note("oidc-provider",
                 f"moto's CloudFormation has no {OIDC_PROVIDER_TYPE}: created {kwargs.get('LogicalId', resource_name)} "
                 f"({provider.arn}) through moto's IAM", account=account_id)
            return cls(provider)

        @classmethod
        def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
            pass

        def delete(self, account_id, region_name):
            iam_backends[account_id][get_partition(region_name)].delete_open_id_connect_provider(self.provider.arn)

        def is_created(self):
            return True

    parsing.get_model_list.cache_clear()
    parsing.get_model_map.cache_clear()
    parsing.get_name_type_map.cache_clear()
    assert OIDC_PROVIDER_TYPE in parsing.get_model_map()


def _rebuild_outputs_after_change_set():
    from moto.cloudformation.models import CloudFormationBackend

    original = CloudFormationBackend.execute_change_set

    def execute_change_set(self, change_set_name, stack_name=None):
        original(self, change_set_name, stack_name)
        change_set = self.change_sets.get(change_set_name) or next(
            (cs for cs in self.change_sets.values() if cs.change_set_name == change_set_name), None)
        if change_set is None:
            return
        stack = self.stacks[change_set.stack_id]
        if change_set.change_set_type == "UPDATE" and change_set.tags is not None and stack.tags != change_set.tags:
            changed = sorted(key for key in set(stack.tags or {}) | set(change_set.tags)
                             if (stack.tags or {}).get(key) != change_set.tags.get(key))
            stack.tags = dict(change_set.tags)
            note("change-set-tags",
                 f"moto keeps a stack's tags when it executes an UPDATE change set: gave {stack.name} the change set's "
                 f"tags, as CloudFormation does ({', '.join(changed)} changed)", account=self.account_id, stack=stack.name)
        before = stack.outputs
        stack._parse_template()
        stack.output_map = stack._create_output_map()
        stack.description = stack.template_dict.get("Description")
        if stack.outputs != before:
            keys = ", ".join(output["OutputKey"] for output in stack.outputs or [])
            note("change-set-outputs",
                 f"moto keeps no Outputs when it executes a change set: rebuilt {stack.name}'s Outputs ({keys}) "
                 f"from the executed template", account=self.account_id, stack=stack.name)

    CloudFormationBackend.execute_change_set = execute_change_set


def _create_empty_change_sets_as_failed():
    from moto.cloudformation.exceptions import ValidationError
    from moto.cloudformation.responses import CloudFormationResponse

    original_create = CloudFormationResponse.create_change_set
    original_validate = CloudFormationResponse._validate_different_update

    def create_change_set(self):
        def validate_different_update(incoming_params, stack_body, old_stack):
            try:
                original_validate(self, incoming_params, stack_body, old_stack)
            except ValidationError as error:
                if "No updates are to be performed" not in str(error):
                    raise
                note("empty-change-set",
                     f"moto refuses CreateChangeSet for {old_stack.name} with 'No updates are to be performed.'; "
                     f"CloudFormation creates it and fails it: created, and moto's own model marked it FAILED "
                     f"(\"The submitted information didn't contain changes.\")", account=self.current_account,
                     stack=old_stack.name)

        self._validate_different_update = validate_different_update
        return original_create(self)

    CloudFormationResponse.create_change_set = create_change_set


def _list_change_sets_of_the_stack():
    from moto.cloudformation.responses import CloudFormationResponse
    from moto.core.responses import ActionResult

    def list_change_sets(self):
        stack = self._get_param("StackName")
        every = list(self.cloudformation_backend.list_change_sets())
        mine = [cs for cs in every if stack in (cs.stack_name, cs.stack_id)]
        if len(mine) != len(every):
            note("change-set-list", f"moto's ListChangeSets ignores StackName: answered the {len(mine)} change set(s) "
                                    f"of {stack}, not all {len(every)} of the account", account=self.current_account)
        return ActionResult({"Summaries": mine})

    CloudFormationResponse.list_change_sets = list_change_sets


def _resolve(value, names):
    """A template value with Ref and Fn::Sub of `names` resolved; None when it uses anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and list(value) == ["Ref"] and value["Ref"] in names:
        return names[value["Ref"]]
    if isinstance(value, dict) and list(value) == ["Fn::Sub"] and isinstance(value["Fn::Sub"], str):
        unknown = [name for name in re.findall(r"\$\{([\w:]+)\}", value["Fn::Sub"]) if name not in names]
        if not unknown:
            return re.sub(r"\$\{([\w:]+)\}", lambda match: names[match.group(1)], value["Fn::Sub"])
    return None


def _detect_drift_of_ssm_parameters():
    import datetime
    import uuid

    from moto.cloudformation.responses import CloudFormationResponse
    from moto.core.responses import ActionResult
    from moto.ssm.models import ssm_backends

    detections = {}

    def resource_drifts(response, stack):
        names = {**stack.parameters, "AWS::StackName": stack.name}
        ssm = ssm_backends[response.current_account][response.region]
        now = datetime.datetime.now(datetime.timezone.utc)
        drifts = []
        for logical_id, resource in (stack.template_dict.get("Resources") or {}).items():
            entry = {"StackId": stack.stack_id, "LogicalResourceId": logical_id, "ResourceType": resource["Type"],
                     "Timestamp": now, "StackResourceDriftStatus": "NOT_CHECKED"}
            properties = resource.get("Properties") or {}
            name, value = _resolve(properties.get("Name"), names), _resolve(properties.get("Value"), names)
            if resource["Type"] == "AWS::SSM::Parameter" and name and value is not None:
                entry["PhysicalResourceId"] = name
                entry["ExpectedProperties"] = json.dumps({"Name": name, "Value": value})
                parameter = ssm.get_parameter(name)
                if parameter is None:
                    entry["StackResourceDriftStatus"] = "DELETED"
                else:
                    entry["ActualProperties"] = json.dumps({"Name": name, "Value": parameter.value})
                    if parameter.value != value:
                        entry["StackResourceDriftStatus"] = "MODIFIED"
                        entry["PropertyDifferences"] = [{"PropertyPath": "/Value", "ExpectedValue": value,
                                                         "ActualValue": parameter.value, "DifferenceType": "NOT_EQUAL"}]
                    else:
                        entry["StackResourceDriftStatus"] = "IN_SYNC"
            drifts.append(entry)
        return drifts

    def detect_stack_drift(self):
        stack = self.cloudformation_backend.get_stack(self._get_param("StackName"))
        drifts = resource_drifts(self, stack)
        drifted = [d for d in drifts if d["StackResourceDriftStatus"] in ("MODIFIED", "DELETED")]
        detection_id = str(uuid.uuid4())
        detections[detection_id] = {"StackId": stack.stack_id, "StackDriftDetectionId": detection_id,
                                    "StackDriftStatus": "DRIFTED" if drifted else "IN_SYNC",
                                    "DetectionStatus": "DETECTION_COMPLETE", "DriftedStackResourceCount": len(drifted),
                                    "Timestamp": datetime.datetime.now(datetime.timezone.utc)}
        note("drift-detection",
             f"moto has no drift detection: the stand-in compared {stack.name}'s SSM parameters with its template: "
             + ", ".join(f"{d['LogicalResourceId']} {d['StackResourceDriftStatus']}" for d in drifts)
             + f" -> {detections[detection_id]['StackDriftStatus']}",
             account=self.current_account, stack=stack.name, status=detections[detection_id]["StackDriftStatus"],
             resources={d["LogicalResourceId"]: d["StackResourceDriftStatus"] for d in drifts})
        return ActionResult({"StackDriftDetectionId": detection_id})

    def describe_stack_drift_detection_status(self):
        return ActionResult(detections[self._get_param("StackDriftDetectionId")])

    def describe_stack_resource_drifts(self):
        stack = self.cloudformation_backend.get_stack(self._get_param("StackName"))
        wanted = self._get_multi_param("StackResourceDriftStatusFilters.member") or None
        drifts = [d for d in resource_drifts(self, stack) if wanted is None or d["StackResourceDriftStatus"] in wanted]
        return ActionResult({"StackResourceDrifts": drifts})

    CloudFormationResponse.detect_stack_drift = detect_stack_drift
    CloudFormationResponse.describe_stack_drift_detection_status = describe_stack_drift_detection_status
    CloudFormationResponse.describe_stack_resource_drifts = describe_stack_resource_drifts


class _AccessDenied(Exception):
    pass


def token_claims(token):
    """The claims of a JWT, unverified; None when it is not one."""
    import base64

    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return None


def _claims(token):
    claims = token_claims(token)
    if not isinstance(claims, dict):
        raise _AccessDenied("the web identity token is not a JWT")
    return claims


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _condition_holds(operator, key_values, claims, issuer_host):
    supported = {"StringEquals": lambda actual, wanted: actual == wanted,
                 "StringLike": lambda actual, wanted: fnmatch.fnmatchcase(actual, wanted)}
    if operator not in supported:
        return False, f"condition operator {operator} is not evaluated here (fails closed)"
    for key, wanted in key_values.items():
        prefix, _, claim = key.partition(":")
        if prefix != issuer_host or claim not in ("sub", "aud"):
            return False, f"condition key {key} is not evaluated here (fails closed)"
        actual = str(claims.get(claim, ""))
        if not any(supported[operator](actual, str(one)) for one in _as_list(wanted)):
            return False, f"{operator} {key} {json.dumps(wanted)} does not admit {actual!r}"
    return True, ""


def _policy_decision(policy, label, applies, condition_holds, nobody, allowing=None):
    """IAM's verdict over a policy's statements, and why: (allowed, reason). `applies(statement)` returns
    (True, None) for a statement about this request, (False, reason or None) otherwise; `condition_holds(operator,
    key_values)` returns (holds, why). An explicit Deny wins; anything not understood fails closed. Each statement
    that allows the request is appended to `allowing`, when given."""
    reasons, allowed = [], False
    for index, statement in enumerate(_as_list(policy.get("Statement", []))):
        name = label(statement, index)
        relevant, why = applies(statement)
        if not relevant:
            if why:
                reasons.append(f"{name}: {why}")
            continue
        for operator, key_values in (statement.get("Condition") or {}).items():
            holds, why = condition_holds(operator, key_values)
            if not holds:
                reasons.append(f"{name}: {why}")
                break
        else:
            if statement.get("Effect") == "Deny":
                return False, f"{name} denies it"
            if statement.get("Effect") == "Allow":
                allowed = True
                reasons.append(f"{name} allows it")
                if allowing is not None:
                    allowing.append(statement)
    return allowed, "; ".join(reasons) or nobody


def trust_policy_decision(policy, claims, provider_arn):
    """Whether a role trust policy lets a web identity with these claims in, and why: (allowed, reason)."""
    issuer_host = provider_arn.split("oidc-provider/", 1)[1]

    def applies(statement):
        actions = [str(action).lower() for action in _as_list(statement.get("Action", []))]
        if not any(fnmatch.fnmatchcase("sts:assumerolewithwebidentity", action) for action in actions):
            return False, None
        principal = statement.get("Principal", {})
        federated = _as_list(principal.get("Federated", [])) if isinstance(principal, dict) else []
        if principal != "*" and provider_arn not in federated:
            return False, f"Federated principal {federated or 'missing'} is not {provider_arn}"
        return True, None

    return _policy_decision(policy, lambda _, index: f"statement {index}", applies,
                            lambda operator, key_values: _condition_holds(operator, key_values, claims, issuer_host),
                            "no statement allows sts:AssumeRoleWithWebIdentity")


def _evaluate_web_identity_trust():
    from moto.core.exceptions import ServiceException
    from moto.iam.models import iam_backends
    from moto.sts.responses import TokenResponse

    class AccessDenied(ServiceException):
        code = "AccessDenied"

    original = TokenResponse.assume_role_with_web_identity

    def assume_role_with_web_identity(self):
        role_arn = self._get_param("RoleArn") or ""
        token = self._get_param("WebIdentityToken") or ""
        session_name = self._get_param("RoleSessionName") or ""
        claims, allowed, reason = {}, False, ""
        try:
            claims = _claims(token)
            match = re.fullmatch(r"arn:(aws[\w-]*):iam::(\d{12}):role/(?:.*/)?([\w+=,.@-]+)", role_arn)
            if not match:
                raise _AccessDenied(f"{role_arn!r} is not a role ARN")
            partition, account = match.group(1), match.group(2)
            backend = iam_backends[account][partition]
            try:
                role = backend.get_role_by_arn(role_arn)
            except Exception:
                raise _AccessDenied(f"role {role_arn} does not exist")
            issuer_host = str(claims.get("iss", "")).removeprefix("https://")
            provider_arn = f"arn:{partition}:iam::{account}:oidc-provider/{issuer_host}"
            provider = backend.open_id_providers.get(provider_arn)
            if provider is None:
                raise _AccessDenied(f"account {account} has no OIDC provider {issuer_host}")
            if str(claims.get("aud", "")) not in provider.client_id_list:
                raise _AccessDenied(f"audience {claims.get('aud')!r} is not a client ID of {provider_arn}")
            policy = role.assume_role_policy_document
            policy = json.loads(policy) if isinstance(policy, str) else policy
            allowed, reason = trust_policy_decision(policy, claims, provider_arn)
        except _AccessDenied as denial:
            allowed, reason = False, str(denial)
        role_name = role_arn.rsplit("/", 1)[-1]
        verdict = "admits" if allowed else "REFUSES"
        note("trust-policy",
             f"moto does not evaluate trust policies: {role_name}'s trust policy {verdict} "
             f"sub={claims.get('sub')} aud={claims.get('aud')} ({reason})",
             role=role_arn, sub=claims.get("sub"), aud=claims.get("aud"), jti=claims.get("jti"),
             session=session_name, allowed=allowed)
        if not allowed:
            raise AccessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity")
        return original(self)

    TokenResponse.assume_role_with_web_identity = assume_role_with_web_identity


def request_condition_holds(operator, key_values, principal_arn, encryption_context):
    """Whether one condition block of a key or identity policy holds for a KMS request: (holds, why).
    Evaluated: StringEquals / StringLike on `kms:EncryptionContext:KEY` (a key the request's context lacks never
    matches) and ArnEquals / ArnLike on `aws:PrincipalArn` (for an assumed role, the role's ARN). Several values
    of one key: any may match; several keys: all must. Any other operator or key fails closed."""
    operators = {"StringEquals": lambda actual, wanted: actual == wanted,
                 "StringLike": lambda actual, wanted: fnmatch.fnmatchcase(actual, wanted),
                 "ArnEquals": lambda actual, wanted: fnmatch.fnmatchcase(actual, wanted),
                 "ArnLike": lambda actual, wanted: fnmatch.fnmatchcase(actual, wanted)}
    if operator not in operators:
        return False, f"condition operator {operator} is not evaluated here (fails closed)"
    for key, wanted in key_values.items():
        if operator.startswith("String") and key.startswith("kms:EncryptionContext:"):
            actual = encryption_context.get(key.split(":", 2)[2])
        elif operator.startswith("Arn") and key.lower() == "aws:principalarn":
            actual = principal_arn
        else:
            return False, f"{operator} {key} is not evaluated here (fails closed)"
        if actual is None or not any(operators[operator](str(actual), str(one)) for one in _as_list(wanted)):
            return False, f"{operator} {key} {json.dumps(wanted)} does not admit {actual!r}"
    return True, ""


def _account_roots(account):
    return {account, f"arn:aws:iam::{account}:root"}


def _principals(statement):
    principal = statement.get("Principal", {})
    return [str(p) for p in (_as_list(principal.get("AWS", [])) if isinstance(principal, dict) else [principal])]


def key_policy_decision(policy, role_arn, action, encryption_context, allowing=None):
    """Whether a key policy allows the role this KMS action with this encryption context: (allowed, reason).

    As KMS evaluates it: a statement applies when its Action covers the action and its AWS principal is the role's
    ARN, "*", or the role's account (`ACCOUNT` or `arn:aws:iam::ACCOUNT:root`); its conditions must hold
    (request_condition_holds). A statement naming the account only delegates to that account's IAM: the caller
    must then check the role's own policies too (key_policy_delegates). Allowing statements go to `allowing`."""
    account = role_arn.split(":")[4]

    def applies(statement):
        actions = [str(a).lower() for a in _as_list(statement.get("Action", []))]
        if not any(fnmatch.fnmatchcase(action.lower(), pattern) for pattern in actions):
            return False, None
        named = set(_principals(statement))
        if "*" in named or role_arn in named or _account_roots(account) & named:
            return True, None
        return False, None

    return _policy_decision(policy, lambda statement, index: statement.get("Sid") or f"statement {index}", applies,
                            lambda operator, key_values: request_condition_holds(operator, key_values, role_arn,
                                                                                 encryption_context),
                            "no statement names the role or its account for this action", allowing)


def key_policy_delegates(allowing, role_arn):
    """Whether the key policy allowed the role only through its account (root), which KMS honours only when the
    role's IAM policies allow the action on the key too."""
    return not any(role_arn in _principals(statement) or "*" in _principals(statement) for statement in allowing)


def _role_documents(role):
    """The inline and managed policy documents of a moto IAM role: [(name, document)]."""
    from urllib.parse import unquote

    documents = []
    for name, text in role.policies.items():
        documents.append((name, json.loads(unquote(text)) if isinstance(text, str) else text))
    for policy in role.managed_policies.values():
        version = next(v for v in policy.versions if v.version_id == policy.default_version_id)
        text = version.document
        documents.append((policy.name, json.loads(unquote(text)) if isinstance(text, str) else text))
    return documents


def _find_key_anywhere(region, key_id):
    """(account, backend, key) of the moto KMS key with this ID in any account of the region, or None.
    A real ciphertext carries its key's ARN; moto's carries the key ID only, which is unique (a UUID)."""
    from moto.kms.models import kms_backends

    for account in list(kms_backends.keys()):
        backends = kms_backends[account]
        if region not in backends:
            continue
        backend = backends[region]
        if key_id in backend.keys:
            return account, backend, backend.keys[key_id]
    return None


def _evaluate_key_policies():
    import base64

    from moto.iam.models import iam_backends
    from moto.kms.exceptions import AccessDeniedException
    from moto.kms.responses import KmsResponse
    from moto.kms.utils import _deserialize_ciphertext_blob
    from moto.sts.models import sts_backends

    def key_by_id(response):
        key_id = response._get_param("KeyId")
        try:
            backend = response.kms_backend
            return backend, backend.keys.get(backend.any_id_to_key_id(key_id))
        except Exception:
            return None, None

    def key_by_ciphertext(response):
        blob = response._get_param("CiphertextBlob")  # moto's KmsResponse has base64-decoded it
        try:
            key_id = _deserialize_ciphertext_blob(blob).key_id
        except Exception:
            return None, None
        if key_id in response.kms_backend.keys:
            return response.kms_backend, response.kms_backend.keys[key_id]
        found = _find_key_anywhere(response.region, key_id)
        return (found[1], found[2]) if found else (None, None)

    def guard(method_name, action, find_key):
        original = getattr(KmsResponse, method_name)

        def method(self):
            caller_account = self.current_account
            assumed = sts_backends[caller_account]["aws"].get_assumed_role_from_access_key(self.get_access_key())
            backend, key = find_key(self)
            if assumed is None or key is None:
                return original(self)  # not a workflow's role, or a key moto itself will not find
            role_arn = assumed.role_arn
            role_name = role_arn.rsplit("/", 1)[-1]
            cross_account = backend.account_id != caller_account
            policy = key.policy if isinstance(key.policy, dict) else json.loads(key.policy)
            context = self._get_param("EncryptionContext", {}) or {}
            allowing = []
            allowed, reason = key_policy_decision(policy, role_arn, action, context, allowing)
            verdict = f"key {key.id[:8]}… (account {backend.account_id})'s policy {'admits' if allowed else 'REFUSES'}"
            if allowed and (cross_account or key_policy_delegates(allowing, role_arn)):
                why = "another account's key" if cross_account else "the key policy names the role's account only"
                try:
                    role = iam_backends[caller_account]["aws"].get_role_by_arn(role_arn)
                    iam_allowed, iam_reason = identity_policy_decision(
                        _role_documents(role), action, resource=key.arn,
                        condition_holds=lambda operator, key_values: request_condition_holds(
                            operator, key_values, role_arn, context))
                except Exception:
                    iam_allowed, iam_reason = False, f"role {role_arn} is not in IAM"
                allowed = iam_allowed
                reason += (f"; {why}, so IAM must allow it too: {role_name}'s policies "
                           f"{'allow' if iam_allowed else 'do NOT allow'} {action} on {key.arn} ({iam_reason})")
            note("kms-key-policy",
                 f"moto does not evaluate key policies: {verdict} {action} by {role_name} with context "
                 f"{json.dumps(context, sort_keys=True)} ({reason}) -> {'allowed' if allowed else 'REFUSED'}",
                 role=role_arn, action=action, key=key.arn, allowed=allowed)
            if not allowed:
                raise AccessDeniedException(
                    f"User: {assumed.arn} is not authorized to perform: {action} on resource: {key.arn}")
            if not cross_account:
                return original(self)
            note("kms-cross-account",
                 f"moto looks a ciphertext's key up in the caller's account ({caller_account}) only: {action} by "
                 f"{role_name} used key {key.arn}, the key the ciphertext names, in its own account, as KMS does",
                 role=role_arn, action=action, key=key.arn)
            plaintext, arn = backend.decrypt(ciphertext_blob=self._get_param("CiphertextBlob"),
                                             encryption_context=context, key_id=None)
            return json.dumps({"Plaintext": base64.b64encode(plaintext).decode("utf-8"), "KeyId": arn,
                               "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"})

        setattr(KmsResponse, method_name, method)

    guard("generate_data_key", "kms:GenerateDataKey", key_by_id)
    guard("encrypt", "kms:Encrypt", key_by_id)
    guard("decrypt", "kms:Decrypt", key_by_ciphertext)


def identity_policy_decision(documents, action, resource=None, condition_holds=None):
    """Whether the role's policy documents allow the action: (allowed, reason).

    Without `resource` (iam-policy): some Allow statement covers the action, resources and conditions ignored,
    and no unconditional Deny on every resource names it. With `resource` (kms-key-policy): as IAM evaluates it,
    a statement applies when it covers the action and its Resource (or NotResource) patterns cover the resource,
    and its conditions hold by `condition_holds(operator, key_values)`; an explicit Deny wins, and a Deny whose
    condition is not understood denies (fails closed)."""
    def matches(patterns, value, fold):
        value = value.lower() if fold else value
        return any(fnmatch.fnmatchcase(value, str(p).lower() if fold else str(p)) for p in _as_list(patterns))

    def covers(statement):
        if "Action" in statement:
            return matches(statement["Action"], action, True)
        if "NotAction" in statement:
            return not matches(statement["NotAction"], action, True)
        return False

    def on_resource(statement):
        if "Resource" in statement:
            return matches(statement["Resource"], resource, False)
        if "NotResource" in statement:
            return not matches(statement["NotResource"], resource, False)
        return False

    allowed_by, reasons = None, []
    for name, document in documents:
        for index, statement in enumerate(_as_list(document.get("Statement", []))):
            if not covers(statement):
                continue
            label = f"{name}/{statement.get('Sid') or index}"
            if resource is None:
                if statement.get("Effect") == "Deny" and _as_list(statement.get("Resource")) == ["*"] and not statement.get("Condition"):
                    return False, f"{label} denies it"
                if statement.get("Effect") == "Allow" and allowed_by is None:
                    allowed_by = label
                continue
            if not on_resource(statement):
                continue
            failed = None
            for operator, key_values in (statement.get("Condition") or {}).items():
                holds, why = condition_holds(operator, key_values)
                if not holds:
                    failed = why
                    break
            if statement.get("Effect") == "Deny" and (failed is None or "fails closed" in failed):
                return False, f"{label} denies it" + (f" ({failed})" if failed else "")
            if statement.get("Effect") == "Allow":
                if failed:
                    reasons.append(f"{label}: {failed}")
                elif allowed_by is None:
                    allowed_by = label
    if allowed_by:
        return True, f"{allowed_by} allows it"
    scope = f" on {resource}" if resource else ""
    return False, "; ".join(reasons) or f"no statement of {', '.join(name for name, _ in documents) or 'its (no) policies'} allows it{scope}"


def _evaluate_identity_policies_by_action():
    from moto.core.authorization import ActionAuthenticatorMixin
    from moto.core.exceptions import AccessDeniedError, JsonRESTError
    from moto.iam.models import iam_backends
    from moto.sts.models import sts_backends

    original = ActionAuthenticatorMixin._authenticate_and_authorize_normal_action
    noted = set()

    def authorize(self, resource="*"):
        original(self, resource)
        account = getattr(self, "current_account", None)
        if not account:
            return
        assumed = sts_backends[account]["aws"].get_assumed_role_from_access_key(self.get_access_key())
        if assumed is None:
            return
        try:
            role = iam_backends[account]["aws"].get_role_by_arn(assumed.role_arn)
        except Exception:
            return  # the harness's own administrator role, not one the bootstrap created
        service, operation = self.service_name, self._get_action()
        if service == "kms" or (service, operation) == ("sts", "GetCallerIdentity"):
            return
        actions = [f"{service}:{operation}"]
        if service == "cloudformation" and self._get_param("RoleARN"):
            actions.append("iam:PassRole")
        documents = _role_documents(role)
        for action in actions:
            allowed, reason = identity_policy_decision(documents, action)
            if allowed and (role.name, action) in noted:
                continue
            noted.add((role.name, action))
            note("iam-policy",
                 f"moto does not evaluate IAM policies: {role.name}'s policies {'allow' if allowed else 'do NOT allow'} "
                 f"{action} ({reason}; by action only)", role=role.arn, action=action, allowed=allowed)
            if not allowed:
                if self.headers.get("X-Amz-Target"):
                    raise JsonRESTError("AccessDeniedException",
                                        f"User: {assumed.arn} is not authorized to perform: {action}")
                raise AccessDeniedError(user_arn=assumed.arn, action=action)

    ActionAuthenticatorMixin._authenticate_and_authorize_normal_action = authorize


SAM_TRANSFORM = "AWS::Serverless-2016-10-31"


def _expand_sam_transform():
    from moto.cloudformation.models import ChangeSet, Stack

    noted = set()

    def expanding(original):
        def parse_template(self):
            original(self)
            transforms = self.template_dict.get("Transform") if isinstance(self.template_dict, dict) else None
            if SAM_TRANSFORM not in ([transforms] if isinstance(transforms, str) else transforms or []):
                return
            import boto3
            from samtranslator.parser.parser import Parser
            from samtranslator.translator.translator import Translator

            sam_types = sorted({resource.get("Type") for resource in self.template_dict.get("Resources", {}).values()
                                if str(resource.get("Type", "")).startswith("AWS::Serverless::")})
            # Stack sets its region after parsing the template; its ARN (set before) names region and account.
            _, _, _, region, account, _ = self.stack_id.split(":", 5)
            name = getattr(self, "stack_name", None) or self.name
            translator = Translator(None, Parser(), boto_session=boto3.session.Session(region_name=region))
            parameters = dict(getattr(self, "parameters", None) or {})
            self.template_dict = translator.translate(self.template_dict, parameter_values=parameters,
                                                      get_managed_policy_map=lambda: {})
            created = sorted(f"{logical} ({resource['Type']})" for logical, resource in self.template_dict["Resources"].items())
            if (account, name, type(self).__name__, self.template) in noted:
                return
            noted.add((account, name, type(self).__name__, self.template))
            note("sam-transform",
                 f"moto does not run the {SAM_TRANSFORM} transform: expanded {name}'s {type(self).__name__.lower()} "
                 f"template ({', '.join(sam_types)}) with aws-sam-translator into {', '.join(created)}",
                 account=account, stack=name)
        return parse_template

    Stack._parse_template = expanding(Stack._parse_template)
    ChangeSet._parse_template = expanding(ChangeSet._parse_template)


# --- act -------------------------------------------------------------------------------------------


def artifact_substitutes(readme_path, workflow_path):
    """`uses:` pins of the workflow that /work/shared/actions serves through a stand-in: [(pin, folder)].

    A row of the README's table names a folder (`actions/x@c24449f…`), its full upstream commit, its tag and
    the pin it "stands for" (`actions/x@b7c566a…`, or "itself"). A pin matches by action and commit prefix.
    """
    with open(readme_path) as handle:
        readme = handle.read()
    with open(workflow_path) as handle:
        pins = sorted(set(re.findall(r"uses:\s*([\w.-]+/[\w.-]+@[0-9a-f]{40})", handle.read())))
    row = re.compile(r"^\|\s*`([\w.-]+/[\w.-]+)@[0-9a-f]+…`\s*\|\s*([0-9a-f]{40})\s*\|\s*([^|]*?)\s*\|"
                     r"\s*`([\w.-]+/[\w.-]+)@([0-9a-f]+)…`", re.MULTILINE)
    substitutes = []
    for match in row.finditer(readme):
        action, commit, tag, pinned_action, pinned_prefix = match.groups()
        folder = f"{action}@{commit}"
        if not os.path.isdir(os.path.join(os.path.dirname(readme_path), folder)):
            sys.exit(f"compensations: {readme_path} names {folder}, which is not there")
        for pin in pins:
            if pin.startswith(f"{pinned_action}@{pinned_prefix}"):
                substitutes.append((pin, folder))
                note("artifact-actions",
                     f"{pin[:pin.index('@') + 8]}… runs as the stand-in {folder[:folder.index('@') + 8]}… ({tag}): "
                     f"its pinned dist/ is not available offline (shared/actions/README.md); same inputs, "
                     f"act's artifact protocol")
    return substitutes


def id_token_refusal(job_id, job):
    """Why GitHub would give this job (an entry of workflow_jobs.py) no OIDC token, or None when it would."""
    if job["id_token"]:
        return None
    reason = "its permissions do not grant id-token: write"
    note("id-token", f"act ignores permissions: refused an OIDC token to job {job_id}: {reason} "
                     f"(GitHub gives such a job no token request URL)", job=job_id)
    return reason


def environment_gate(jobs, ran_jobs, rules, ref, default_branch):
    """For each job that ran and is bound to an environment: would GitHub have let it run? [(job, ok, message)].

    `rules` are the environments the next steps told the user to create (next_steps.py: "environments").
    """
    results = []
    branch = ref.removeprefix("refs/heads/")
    for job_id in ran_jobs:
        environment = jobs[job_id]["environment"]
        if not environment:
            continue
        rule = rules.get(environment)
        if rule is None:
            message = (f"act ignores environment protection: job {job_id} is bound to environment {environment}, "
                       f"which the next steps never told the user to create")
            results.append((job_id, False, message))
            note("environments", message)
            continue
        allowed = [default_branch if b == "the default branch" else b for b in rule["branches"]]
        ok = ref.startswith("refs/heads/") and any(fnmatch.fnmatchcase(branch, pattern) for pattern in allowed)
        review = "; GitHub would wait for a required reviewer's approval first" if rule["reviewers"] else ""
        message = (f"act ignores environment protection: job {job_id} (environment {environment}) ran on {ref}, "
                   f"which the deployment-branch rule {', '.join(rule['branches'])} "
                   f"{'admits' if ok else 'does NOT admit'}{review}")
        note("environments", message)
        results.append((job_id, ok, message))
    return results


def environment_hold(job_id, job, rules, hold_dir, timeout=600):
    """GitHub starts a job bound to an environment with required reviewers only once a reviewer approves; act starts
    it at once. The token server calls this before it issues such a job's OIDC token (the first thing that lets the
    job touch AWS: the steps before it only read the artifact and name the stack): it writes HOLD_DIR/JOB.waiting
    and waits until the harness writes HOLD_DIR/JOB.approved, which it does after its checks of what the run did
    before approval. None when the token may go out, else why not (no approval within `timeout` seconds)."""
    import time

    environment = job.get("environment")
    rule = (rules or {}).get(environment or "")
    if not hold_dir or not rule or not rule.get("reviewers"):
        return None
    waiting, approved = os.path.join(hold_dir, f"{job_id}.waiting"), os.path.join(hold_dir, f"{job_id}.approved")
    with open(waiting, "w") as handle:
        handle.write(environment + "\n")
    deadline = time.time() + timeout
    while not os.path.exists(approved):
        if time.time() > deadline:
            return f"no approval for environment {environment} within {timeout}s"
        time.sleep(0.2)
    note("environments",
         f"act does not wait for required reviewers: job {job_id} (environment {environment}) was started at once; "
         f"its OIDC token request was held until the harness approved it, after checking what the run did before "
         f"approval (GitHub would not start the job before a reviewer approves)", job=job_id)
    return None


def act_arguments(shared_actions, workflow_path):
    """The act arguments that carry the act compensations above, one per line, noting each one used.

    - `--local-repository PIN=FOLDER` for each pin served by a stand-in (artifact-actions);
    - `--env GITHUB_RETENTION_DAYS=90`: act says 0, which makes upload-artifact cut `retention-days` to 0;
      on GitHub it is the repository's retention setting, 90 days unless changed;
    - nothing for checkout, which act replaces by a copy of the working tree: only noted.
    """
    arguments = []
    for pin, folder in artifact_substitutes(os.path.join(shared_actions, "README.md"), workflow_path):
        arguments.append(f"--local-repository={pin}={os.path.join(shared_actions, folder)}")
    with open(workflow_path) as handle:
        workflow = handle.read()
    if re.search(r"retention-days:", workflow):
        arguments.append("--env=GITHUB_RETENTION_DAYS=90")
        note("retention-days", "act sets GITHUB_RETENTION_DAYS=0, which makes upload-artifact cut retention-days to 0: "
                               "set to 90, GitHub's default repository setting")
    if re.search(r"uses:\s*actions/checkout@", workflow):
        note("checkout", "act does not run actions/checkout for the repository under test (github.com is not "
                         "reachable): it copies the scratch repository's working tree, a clean checkout of its one commit")
    return arguments


def wheelhouse_arguments(wheelhouse):
    """The act arguments that make the jobs' pip install from the harness's wheelhouse only (pip-offline)."""
    wheels = len([name for name in os.listdir(wheelhouse) if name.endswith(".whl")])
    note("pip-offline", f"the jobs' pip installs the workflow's hash locks from the wheelhouse {wheelhouse} "
                        f"({wheels} wheels downloaded by the harness from PyPI) with PIP_NO_INDEX=1: same wheels, "
                        f"same hashes checked, no PyPI from the jobs")
    return ["--env=PIP_NO_INDEX=1", f"--env=PIP_FIND_LINKS={wheelhouse}"]


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "act-arguments":
        print("\n".join(act_arguments(sys.argv[2], sys.argv[3])))
    elif len(sys.argv) == 3 and sys.argv[1] == "wheelhouse-arguments":
        print("\n".join(wheelhouse_arguments(sys.argv[2])))
    else:
        sys.exit("usage: compensations.py act-arguments SHARED_ACTIONS WORKFLOW.yml | wheelhouse-arguments DIR")
