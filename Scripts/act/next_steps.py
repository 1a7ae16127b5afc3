"""Reads the "Next steps" that `pipewright init` / `pipewright bootstrap` print, as a user would follow them.

    python3 next_steps.py NEXT-STEPS.txt > next-steps.json        (standard library only)

{
  "bootstrap_command": "pipewright bootstrap --output pipewright-bootstrap.yaml",
  "deploys":   [{"account": "111111111111", "environment": "dev", "command": "aws cloudformation deploy ..."}],
  "variables": [{"name": "AWS_CI_ROLE_ARN", "kind": "variable", "output": "AWSCIROLEARN",
                 "stack": "myapp-pipewright-bootstrap", "account": "111111111111"}],
  "other_secrets": [{"name": "SLACK_WEBHOOK_URL", "kind": "secret", "what": "a Slack incoming webhook URL"}],
  "environments": {"dev": {"branches": ["develop"], "reviewers": false}}
}

Anything the text says that this reader does not understand is an error, so a change in the printed steps
shows up here rather than as a silently different setup.
"""
import json
import re
import sys


def parse(text):
    result = {"bootstrap_command": None, "deploys": [], "variables": [], "other_secrets": [], "environments": {}}
    lines = text.splitlines()
    command = re.search(r"'(pipewright bootstrap [^']*)'", text)
    if command:
        result["bootstrap_command"] = command.group(1)
    index = 0
    while index < len(lines):
        line = lines[index]
        account = re.match(r"\s*account (\d{12}) \(([^)]*)\):\s*$", line)
        if account:
            command_lines = []
            index += 1
            while index < len(lines):
                part = lines[index].strip()
                command_lines.append(part.rstrip("\\").strip())
                if not part.endswith("\\"):
                    break
                index += 1
            deploy = " ".join(command_lines)
            if not deploy.startswith("aws cloudformation deploy "):
                sys.exit(f"next_steps: expected an 'aws cloudformation deploy' command for account {account.group(1)}, "
                         f"found {deploy!r}")
            result["deploys"].append({"account": account.group(1), "environment": account.group(2), "command": deploy})
        variable = re.match(r"\s*- (\w+) \((?:repository )?(variable|secret)[^)]*\) = output (\w+) of ([\w-]+) in (\d{12})\s*$", line)
        if variable:
            name, kind, output, stack, account_id = variable.groups()
            result["variables"].append({"name": name, "kind": "variable" if kind == "variable" else "secret",
                                        "output": output, "stack": stack, "account": account_id})
        # "(repository secret)", or "(secret in environment(s) A, B; why)": act has no environments, so the
        # harness passes each as a secret of the run.
        secret = re.match(r"\s*- (\w+): (.*?) \((?:repository (secret|variable)|(secret) in environments? [^)]*)\)\s*$", line)
        if secret:
            result["other_secrets"].append({"name": secret.group(1), "kind": secret.group(3) or secret.group(4),
                                            "what": secret.group(2)})
        environment = re.match(r"\s*- ([\w.-]+): (.*deployment branches: .*)$", line)
        if environment:
            name, rule = environment.groups()
            branches = re.search(r"deployment branches: ([^;]+)$", rule).group(1)
            result["environments"][name] = {
                "branches": [branch.strip() for branch in branches.split(",")],
                "reviewers": "required reviewers" in rule,
            }
        index += 1
    if not result["bootstrap_command"] or not result["deploys"] or not result["variables"]:
        sys.exit("next_steps: the text has no bootstrap command, deploy commands or variables to store")
    return result


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: next_steps.py NEXT-STEPS.txt")
    with open(sys.argv[1]) as handle:
        json.dump(parse(handle.read()), sys.stdout, indent=2)
    sys.stdout.write("\n")
