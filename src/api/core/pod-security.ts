/** core/v1 security contexts: SecurityContext (container), PodSecurityContext and their parts. */
import { z } from 'zod';
import { atomicList, bool, int, named, opt, str } from './pod-schema-helpers.js';
import { enumStr, APP_ARMOR_PROFILE_TYPE, FS_GROUP_CHANGE_POLICY, PROC_MOUNT_TYPE, SECCOMP_PROFILE_TYPE, SUPPLEMENTAL_GROUPS_POLICY } from './enums.js';

export const SELinuxOptions = named(
  'SELinuxOptions',
  z.object({
    user: opt(str(), 'The SELinux user label.'),
    role: opt(str(), 'The SELinux role label.'),
    type: opt(str(), 'The SELinux type label.'),
    level: opt(str(), 'The SELinux level label.'),
  }),
  'SELinux labels applied to a container.',
);

export const WindowsSecurityContextOptions = named(
  'WindowsSecurityContextOptions',
  z.object({
    gmsaCredentialSpecName: opt(str(), 'Name of the GMSACredentialSpec to use.'),
    gmsaCredentialSpec: opt(str(), 'The inlined content of the GMSA credential spec.'),
    runAsUserName: opt(str(), 'The Windows user name to run the entrypoint as.'),
    hostProcess: opt(bool(), 'Run the container as a Windows HostProcess container.'),
  }),
  'Windows-specific options.',
);

export const SeccompProfile = named(
  'SeccompProfile',
  z.object({
    type: enumStr(SECCOMP_PROFILE_TYPE).describe('RuntimeDefault, Unconfined or Localhost.'),
    localhostProfile: opt(str(), 'Path of a profile on the node, for type Localhost.'),
  }),
  'A seccomp profile.',
  { 'x-kubernetes-unions': [{ discriminator: 'type', 'fields-to-discriminateBy': { localhostProfile: 'LocalhostProfile' } }] },
);

export const AppArmorProfile = named(
  'AppArmorProfile',
  z.object({
    type: enumStr(APP_ARMOR_PROFILE_TYPE).describe('RuntimeDefault, Unconfined or Localhost.'),
    localhostProfile: opt(str(), 'Name of a profile loaded on the node, for type Localhost.'),
  }),
  'An AppArmor profile.',
  { 'x-kubernetes-unions': [{ discriminator: 'type', 'fields-to-discriminateBy': { localhostProfile: 'LocalhostProfile' } }] },
);

export const Capabilities = named(
  'Capabilities',
  z.object({
    add: atomicList(str(), 'Capabilities to add.'),
    drop: atomicList(str(), 'Capabilities to remove.'),
  }),
  'POSIX capabilities to add to or drop from a container.',
);

export const SecurityContext = named(
  'SecurityContext',
  z.object({
    capabilities: opt(Capabilities, 'Capabilities to add or drop.'),
    privileged: opt(bool(), 'Run the container privileged (like root on the host).'),
    seLinuxOptions: opt(SELinuxOptions, 'SELinux context for the container.'),
    windowsOptions: opt(WindowsSecurityContextOptions, 'Windows-specific settings.'),
    runAsUser: opt(int(), 'UID to run the entrypoint as.'),
    runAsGroup: opt(int(), 'GID to run the entrypoint as.'),
    runAsNonRoot: opt(bool(), 'Refuse to start the container if it would run as UID 0.'),
    readOnlyRootFilesystem: opt(bool(), 'Mount the root filesystem read-only.'),
    allowPrivilegeEscalation: opt(bool(), 'Whether a process may gain more privileges than its parent (no_new_privs).'),
    procMount: opt(enumStr(PROC_MOUNT_TYPE), 'Default or Unmasked: how /proc is mounted.'),
    seccompProfile: opt(SeccompProfile, 'The seccomp profile for the container.'),
    appArmorProfile: opt(AppArmorProfile, 'The AppArmor profile for the container.'),
  }),
  'Security settings of one container; they override the pod-level ones.',
);

export const Sysctl = named(
  'Sysctl',
  z.object({
    name: str().describe('Name of the kernel parameter.'),
    value: str().describe('Value to set.'),
  }),
  'A namespaced kernel parameter to set.',
);

export const PodSecurityContext = named(
  'PodSecurityContext',
  z.object({
    seLinuxOptions: opt(SELinuxOptions, 'SELinux context for all containers.'),
    windowsOptions: opt(WindowsSecurityContextOptions, 'Windows-specific settings for all containers.'),
    runAsUser: opt(int(), 'UID to run container entrypoints as.'),
    runAsGroup: opt(int(), 'GID to run container entrypoints as.'),
    runAsNonRoot: opt(bool(), 'Refuse to start containers that would run as UID 0.'),
    supplementalGroups: atomicList(int(), 'Extra groups for the first process of every container.'),
    supplementalGroupsPolicy: opt(enumStr(SUPPLEMENTAL_GROUPS_POLICY), 'Merge or Strict: how supplemental groups are computed.'),
    fsGroup: opt(int(), 'A group that owns mounted volumes and is added to every container.'),
    sysctls: atomicList(Sysctl, 'Namespaced sysctls for the pod.'),
    fsGroupChangePolicy: opt(enumStr(FS_GROUP_CHANGE_POLICY), 'OnRootMismatch or Always: when volume ownership is changed.'),
    seccompProfile: opt(SeccompProfile, 'The seccomp profile for all containers.'),
    appArmorProfile: opt(AppArmorProfile, 'The AppArmor profile for all containers.'),
    seLinuxChangePolicy: opt(str(), 'MountOption or Recursive: how SELinux labels are applied to volumes.'),
  }),
  'Security settings for all containers of a pod.',
);

export type SecurityContext = z.infer<typeof SecurityContext>;
export type PodSecurityContext = z.infer<typeof PodSecurityContext>;
