#!/usr/bin/env python3
"""Records Helm's deprecated-API table into server/src/lint/deprecations.ts.

Helm's lint asks k8s.io/apiserver's deprecation package about each rendered object's
apiVersion/kind (APILifecycleDeprecated/Removed/Replacement generated into k8s.io/api). The
answers depend on the k8s.io/api version each Helm embeds, so they are recorded, not typed:
one chart with every candidate kind as a document, linted with --kube-version 1.99.0 by
helm4 and helm3; each warning line gives the kind's deprecated/removed versions and
replacement. Usage: python3 test/lint/record_deprecations.py
"""
import os, re, subprocess, tempfile, json

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "server", "src", "lint", "deprecations.ts")
GV = {
 "extensions/v1beta1": "Deployment DaemonSet ReplicaSet Ingress NetworkPolicy PodSecurityPolicy Scale",
 "apps/v1beta1": "Deployment StatefulSet ControllerRevision Scale",
 "apps/v1beta2": "Deployment StatefulSet DaemonSet ReplicaSet ControllerRevision Scale",
 "batch/v1beta1": "CronJob JobTemplate",
 "batch/v2alpha1": "CronJob",
 "autoscaling/v2beta1": "HorizontalPodAutoscaler",
 "autoscaling/v2beta2": "HorizontalPodAutoscaler",
 "networking.k8s.io/v1beta1": "Ingress IngressClass IPAddress ServiceCIDR",
 "networking.k8s.io/v1alpha1": "IPAddress ServiceCIDR ClusterCIDR",
 "policy/v1beta1": "PodDisruptionBudget PodSecurityPolicy Eviction",
 "rbac.authorization.k8s.io/v1beta1": "Role RoleBinding ClusterRole ClusterRoleBinding",
 "rbac.authorization.k8s.io/v1alpha1": "Role RoleBinding ClusterRole ClusterRoleBinding",
 "storage.k8s.io/v1beta1": "StorageClass VolumeAttachment CSIDriver CSINode CSIStorageCapacity VolumeAttributesClass",
 "storage.k8s.io/v1alpha1": "VolumeAttachment CSIStorageCapacity VolumeAttributesClass",
 "admissionregistration.k8s.io/v1beta1": "MutatingWebhookConfiguration ValidatingWebhookConfiguration ValidatingAdmissionPolicy ValidatingAdmissionPolicyBinding MutatingAdmissionPolicy MutatingAdmissionPolicyBinding",
 "admissionregistration.k8s.io/v1alpha1": "ValidatingAdmissionPolicy ValidatingAdmissionPolicyBinding MutatingAdmissionPolicy MutatingAdmissionPolicyBinding",
 "apiextensions.k8s.io/v1beta1": "CustomResourceDefinition",
 "apiregistration.k8s.io/v1beta1": "APIService",
 "certificates.k8s.io/v1beta1": "CertificateSigningRequest ClusterTrustBundle PodCertificateRequest",
 "certificates.k8s.io/v1alpha1": "ClusterTrustBundle PodCertificateRequest",
 "coordination.k8s.io/v1beta1": "Lease LeaseCandidate",
 "coordination.k8s.io/v1alpha1": "LeaseCandidate",
 "coordination.k8s.io/v1alpha2": "LeaseCandidate",
 "discovery.k8s.io/v1beta1": "EndpointSlice",
 "events.k8s.io/v1beta1": "Event",
 "flowcontrol.apiserver.k8s.io/v1alpha1": "FlowSchema PriorityLevelConfiguration",
 "flowcontrol.apiserver.k8s.io/v1beta1": "FlowSchema PriorityLevelConfiguration",
 "flowcontrol.apiserver.k8s.io/v1beta2": "FlowSchema PriorityLevelConfiguration",
 "flowcontrol.apiserver.k8s.io/v1beta3": "FlowSchema PriorityLevelConfiguration",
 "node.k8s.io/v1alpha1": "RuntimeClass",
 "node.k8s.io/v1beta1": "RuntimeClass",
 "scheduling.k8s.io/v1alpha1": "PriorityClass",
 "scheduling.k8s.io/v1beta1": "PriorityClass",
 "settings.k8s.io/v1alpha1": "PodPreset",
 "authentication.k8s.io/v1beta1": "TokenReview SelfSubjectReview",
 "authentication.k8s.io/v1alpha1": "SelfSubjectReview",
 "authorization.k8s.io/v1beta1": "SubjectAccessReview SelfSubjectAccessReview LocalSubjectAccessReview SelfSubjectRulesReview",
 "resource.k8s.io/v1alpha2": "ResourceClaim ResourceClaimTemplate ResourceClass PodSchedulingContext ResourceSlice",
 "resource.k8s.io/v1alpha3": "ResourceClaim ResourceClaimTemplate DeviceClass PodSchedulingContext ResourceSlice DeviceTaintRule",
 "resource.k8s.io/v1beta1": "ResourceClaim ResourceClaimTemplate DeviceClass ResourceSlice",
 "resource.k8s.io/v1beta2": "ResourceClaim ResourceClaimTemplate DeviceClass ResourceSlice",
 "storagemigration.k8s.io/v1alpha1": "StorageVersionMigration",
 "internal.apiserver.k8s.io/v1alpha1": "StorageVersion",
 "imagepolicy.k8s.io/v1alpha1": "ImageReview",
 "v1": "ComponentStatus Endpoints",
}
LINE = re.compile(r"^\[WARNING\] templates/all\.yaml: (\S+) (\S+) is deprecated in v(\d+)\.(\d+)\+(?:, unavailable in v(\d+)\.(\d+)\+)?(?:; use (\S+) (\S+))?$")


def record(helm):
    docs = []
    for g, ks in GV.items():
        for k in ks.split():
            docs.append("apiVersion: %s\nkind: %s\nmetadata:\n  name: x\n" % (g, k))
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "c", "templates"))
        open(os.path.join(d, "c", "Chart.yaml"), "w").write("apiVersion: v2\nname: c\nversion: 0.1.0\n")
        open(os.path.join(d, "c", "templates", "all.yaml"), "w").write("---\n".join(docs))
        p = subprocess.run([helm, "lint", "c", "--kube-version", "1.99.0"], cwd=d, capture_output=True, text=True,
                           env={"PATH": "/usr/bin:/bin", "HOME": d})
    rows = []
    for line in p.stdout.splitlines():
        m = LINE.match(line)
        if m:
            rows.append([m.group(1), m.group(2), int(m.group(3)), int(m.group(4)),
                         int(m.group(5) or 0), int(m.group(6) or 0), m.group(7) or "", m.group(8) or ""])
    return rows


def main():
    v4 = record(os.environ.get("HELM4", "helm4"))
    v3 = record(os.environ.get("HELM3", "helm3"))
    def ts(rows):
        return "\n".join("  [%s]," % ", ".join(json.dumps(x) for x in r) for r in rows)
    out = """// Generated by test/lint/record_deprecations.py from helm v4.1.4 and v3.17.3: do not edit.
// Kubernetes' API lifecycle data as each Helm's embedded k8s.io/api reports it (the
// deprecation warnings of `helm lint`): [groupVersion, kind, deprecatedMajor, deprecatedMinor,
// removedMajor, removedMinor, replacementGroupVersion, replacementKind]; 0/"" = none.

/** DeprecationRow is one kind's lifecycle entry. */
export type DeprecationRow = readonly [string, string, number, number, number, number, string, string];

/** DEPRECATIONS_V4 is the table of helm v4.1.4. */
export const DEPRECATIONS_V4: readonly DeprecationRow[] = [
%s
];

/** DEPRECATIONS_V3 is the table of helm v3.17.3. */
export const DEPRECATIONS_V3: readonly DeprecationRow[] = [
%s
];
""" % (ts(v4), ts(v3))
    open(OUT, "w").write(out)
    print("v4 %d rows, v3 %d rows" % (len(v4), len(v3)))


if __name__ == "__main__":
    main()
