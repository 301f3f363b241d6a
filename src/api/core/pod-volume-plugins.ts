/**
 * The in-tree volume plugins' sources a pod volume may name (cloud disks, network filesystems,
 * deprecated drivers): part of the API and its validation; kubemu's kubelets mount none of them.
 */
import { z } from 'zod';
import { LocalObjectReference } from './pod-container.js';
import { atomicList, bool, fsType, int, named, opt, readOnly, req, str, strMap } from './pod-schema-helpers.js';
import { enumStr, AZURE_DATA_DISK_CACHING_MODE, AZURE_DATA_DISK_KIND } from './enums.js';

const secretRef = () => opt(LocalObjectReference, 'Secret with the credentials.');

/**
 * Field sets shared with the PersistentVolume variants (persistent-volume-sources.ts): the same fields
 * upstream repeats in each *PersistentVolumeSource, only the secret reference's type differs.
 */
type SecretRefField = z.ZodType;

export const GCEPersistentDiskVolumeSource = named(
  'GCEPersistentDiskVolumeSource',
  z.object({ pdName: str().describe('Name of the GCE disk.'), fsType: fsType(), partition: opt(int(), 'Partition to mount.'), readOnly: readOnly() }),
  'A GCE persistent disk (deprecated).',
);

export const AWSElasticBlockStoreVolumeSource = named(
  'AWSElasticBlockStoreVolumeSource',
  z.object({ volumeID: str().describe('ID of the EBS volume.'), fsType: fsType(), partition: opt(int(), 'Partition to mount.'), readOnly: readOnly() }),
  'An AWS EBS disk (deprecated).',
);

export const GitRepoVolumeSource = named(
  'GitRepoVolumeSource',
  z.object({
    repository: str().describe('Repository URL.'),
    revision: opt(str(), 'Commit hash.'),
    directory: opt(str(), 'Target directory name.'),
  }),
  'A directory with a git repository cloned into it (deprecated).',
);

export const NFSVolumeSource = named(
  'NFSVolumeSource',
  z.object({ server: str().describe('NFS server host or IP.'), path: str().describe('Exported path.'), readOnly: readOnly() }),
  'An NFS mount.',
);

export const iscsiFields = (secretRef: SecretRefField) => ({
  targetPortal: str().describe('iSCSI target portal, IP or ip:port.'),
  iqn: str().describe('Target iSCSI qualified name.'),
  lun: int().describe('Target LUN number.'),
  iscsiInterface: opt(str(), 'iSCSI interface name. Defaults to default.'),
  fsType: fsType(),
  readOnly: readOnly(),
  portals: atomicList(str(), 'Extra target portals.'),
  chapAuthDiscovery: opt(bool(), 'Use CHAP discovery authentication.'),
  chapAuthSession: opt(bool(), 'Use CHAP session authentication.'),
  secretRef,
  initiatorName: opt(str(), 'Custom iSCSI initiator name.'),
});

export const ISCSIVolumeSource = named('ISCSIVolumeSource', z.object(iscsiFields(secretRef())), 'An iSCSI disk.');

export const glusterfsFields = () => ({
  endpoints: str().describe('Endpoints object naming the Glusterfs servers.'),
  path: str().describe('Glusterfs volume path.'),
  readOnly: readOnly(),
});

export const GlusterfsVolumeSource = named(
  'GlusterfsVolumeSource',
  z.object(glusterfsFields()),
  'A Glusterfs mount (removed from most clusters).',
);

export const rbdFields = (secretRef: SecretRefField) => ({
  monitors: z.array(str()).meta({ description: 'Ceph monitors.', 'x-kubernetes-list-type': 'atomic' }),
  image: str().describe('RADOS image name.'),
  fsType: fsType(),
  pool: opt(str(), 'RADOS pool. Defaults to rbd.'),
  user: opt(str(), 'RADOS user. Defaults to admin.'),
  keyring: opt(str(), 'Keyring path. Defaults to /etc/ceph/keyring.'),
  secretRef,
  readOnly: readOnly(),
});

export const RBDVolumeSource = named('RBDVolumeSource', z.object(rbdFields(secretRef())), 'A Rados block device (deprecated).');

export const flexFields = (secretRef: SecretRefField) => ({
  driver: str().describe('Name of the driver.'),
  fsType: fsType(),
  secretRef,
  readOnly: readOnly(),
  options: opt(strMap(), 'Extra driver options.'),
});

export const FlexVolumeSource = named('FlexVolumeSource', z.object(flexFields(secretRef())), 'A volume mounted by an exec-based plugin.');

export const cinderFields = (secretRef: SecretRefField) => ({ volumeID: str().describe('Cinder volume id.'), fsType: fsType(), readOnly: readOnly(), secretRef });

export const CinderVolumeSource = named(
  'CinderVolumeSource',
  z.object(cinderFields(secretRef())),
  'An OpenStack Cinder volume (deprecated).',
);

export const cephFSFields = (secretRef: SecretRefField) => ({
  monitors: z.array(str()).meta({ description: 'Ceph monitors.', 'x-kubernetes-list-type': 'atomic' }),
  path: opt(str(), 'Root of the mount. Defaults to /.'),
  user: opt(str(), 'RADOS user. Defaults to admin.'),
  secretFile: opt(str(), 'Path to the keyring. Defaults to /etc/ceph/user.secret.'),
  secretRef,
  readOnly: readOnly(),
});

export const CephFSVolumeSource = named('CephFSVolumeSource', z.object(cephFSFields(secretRef())), 'A Ceph filesystem mount.');

export const FlockerVolumeSource = named(
  'FlockerVolumeSource',
  z.object({ datasetName: opt(str(), 'Flocker dataset name.'), datasetUUID: opt(str(), 'Flocker dataset UUID.') }),
  'A Flocker dataset (deprecated).',
);

export const FCVolumeSource = named(
  'FCVolumeSource',
  z.object({
    targetWWNs: atomicList(str(), 'Target world wide names.'),
    lun: opt(int(), 'Target LUN number.'),
    fsType: fsType(),
    readOnly: readOnly(),
    wwids: atomicList(str(), 'Volume world wide identifiers.'),
  }),
  'A Fibre Channel disk.',
);

export const AzureFileVolumeSource = named(
  'AzureFileVolumeSource',
  z.object({ secretName: str().describe('Secret with the account name and key.'), shareName: str().describe('Share name.'), readOnly: readOnly() }),
  'An Azure File share (deprecated).',
);

export const VsphereVirtualDiskVolumeSource = named(
  'VsphereVirtualDiskVolumeSource',
  z.object({
    volumePath: str().describe('Path of the vSphere volume vmdk.'),
    fsType: fsType(),
    storagePolicyName: opt(str(), 'Storage policy name.'),
    storagePolicyID: opt(str(), 'Storage policy id.'),
  }),
  'A vSphere disk (deprecated).',
);

export const QuobyteVolumeSource = named(
  'QuobyteVolumeSource',
  z.object({
    registry: str().describe('Quobyte registries, host:port, comma separated.'),
    volume: str().describe('Quobyte volume name.'),
    readOnly: readOnly(),
    user: opt(str(), 'User to map access to.'),
    group: opt(str(), 'Group to map access to.'),
    tenant: opt(str(), 'Tenant owning the volume.'),
  }),
  'A Quobyte mount (removed from most clusters).',
);

export const AzureDiskVolumeSource = named(
  'AzureDiskVolumeSource',
  z.object({
    diskName: str().describe('Name of the data disk.'),
    diskURI: str().describe('URI of the data disk.'),
    cachingMode: opt(enumStr(AZURE_DATA_DISK_CACHING_MODE), 'None, ReadOnly or ReadWrite.'),
    fsType: fsType(),
    readOnly: readOnly(),
    kind: opt(enumStr(AZURE_DATA_DISK_KIND), 'Shared, Dedicated or Managed.'),
  }),
  'An Azure data disk (deprecated).',
);

export const PhotonPersistentDiskVolumeSource = named(
  'PhotonPersistentDiskVolumeSource',
  z.object({ pdID: str().describe('Photon disk id.'), fsType: fsType() }),
  'A Photon Controller disk (deprecated).',
);

export const PortworxVolumeSource = named(
  'PortworxVolumeSource',
  z.object({ volumeID: str().describe('Portworx volume id.'), fsType: fsType(), readOnly: readOnly() }),
  'A Portworx volume (deprecated).',
);

/** `secretRef` is required here: pass `req(<reference type>, ...)`. */
export const scaleIOFields = (secretRef: SecretRefField) => ({
  gateway: str().describe('ScaleIO API gateway host.'),
  system: str().describe('ScaleIO storage system name.'),
  secretRef,
  sslEnabled: opt(bool(), 'Use SSL to talk to the gateway.'),
  protectionDomain: opt(str(), 'Protection domain.'),
  storagePool: opt(str(), 'Storage pool.'),
  storageMode: opt(str(), 'ThickProvisioned or ThinProvisioned.'),
  volumeName: opt(str(), 'Name of an existing ScaleIO volume.'),
  fsType: fsType(),
  readOnly: readOnly(),
});

export const ScaleIOVolumeSource = named(
  'ScaleIOVolumeSource',
  z.object(scaleIOFields(req(LocalObjectReference, 'Secret with the ScaleIO user credentials.'))),
  'A ScaleIO volume (removed from most clusters).',
);

export const storageOSFields = (secretRef: SecretRefField) => ({
  volumeName: opt(str(), 'StorageOS volume name.'),
  volumeNamespace: opt(str(), 'StorageOS namespace.'),
  fsType: fsType(),
  readOnly: readOnly(),
  secretRef,
});

export const StorageOSVolumeSource = named(
  'StorageOSVolumeSource',
  z.object(storageOSFields(secretRef())),
  'A StorageOS volume (removed from most clusters).',
);
