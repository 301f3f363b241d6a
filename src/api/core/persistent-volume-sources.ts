/**
 * The volume sources a PersistentVolume may use (upstream's inlined PersistentVolumeSource): the
 * pod volume types where upstream shares them, and the *PersistentVolumeSource variants that take a
 * SecretReference (name and namespace) instead of a LocalObjectReference.
 */
import { z } from 'zod';
import { ObjectReference } from './object-reference.js';
import {
  AWSElasticBlockStoreVolumeSource,
  AzureDiskVolumeSource,
  FCVolumeSource,
  FlockerVolumeSource,
  GCEPersistentDiskVolumeSource,
  NFSVolumeSource,
  PhotonPersistentDiskVolumeSource,
  PortworxVolumeSource,
  QuobyteVolumeSource,
  VsphereVirtualDiskVolumeSource,
} from './pod-volume-plugins.js';
import { HostPathVolumeSource } from './pod-volume.js';
import { atomicList, bool, fsType, int, named, opt, readOnly, req, str, strMap } from './pod-schema-helpers.js';


export const SecretReference = named(
  'SecretReference',
  z.object({
    name: opt(str(), 'Name of the Secret.'),
    namespace: opt(str(), 'Namespace of the Secret.'),
  }),
  'A reference to a Secret in any namespace.',
  { 'x-kubernetes-map-type': 'atomic' },
);
const secretRef = () => opt(SecretReference, 'Secret with the credentials.');

export const GlusterfsPersistentVolumeSource = named(
  'GlusterfsPersistentVolumeSource',
  z.object({
    endpoints: str().describe('Endpoints object naming the Glusterfs servers.'),
    path: str().describe('Glusterfs volume path.'),
    readOnly: readOnly(),
    endpointsNamespace: opt(str(), 'Namespace of the endpoints object; defaults to the claim namespace.'),
  }),
  'A Glusterfs mount for a persistent volume.',
);

export const RBDPersistentVolumeSource = named(
  'RBDPersistentVolumeSource',
  z.object({
    monitors: z.array(str()).meta({ description: 'Ceph monitors.', 'x-kubernetes-list-type': 'atomic' }),
    image: str().describe('RADOS image name.'),
    fsType: fsType(),
    pool: opt(str(), 'RADOS pool. Defaults to rbd.'),
    user: opt(str(), 'RADOS user. Defaults to admin.'),
    keyring: opt(str(), 'Keyring path. Defaults to /etc/ceph/keyring.'),
    secretRef: secretRef(),
    readOnly: readOnly(),
  }),
  'A Rados block device for a persistent volume.',
);

export const ISCSIPersistentVolumeSource = named(
  'ISCSIPersistentVolumeSource',
  z.object({
    targetPortal: str().describe('iSCSI target portal, IP or ip:port.'),
    iqn: str().describe('Target iSCSI qualified name.'),
    lun: int().describe('Target LUN number.'),
    iscsiInterface: opt(str(), 'iSCSI interface name. Defaults to default.'),
    fsType: fsType(),
    readOnly: readOnly(),
    portals: atomicList(str(), 'Extra target portals.'),
    chapAuthDiscovery: opt(bool(), 'Use CHAP discovery authentication.'),
    chapAuthSession: opt(bool(), 'Use CHAP session authentication.'),
    secretRef: secretRef(),
    initiatorName: opt(str(), 'Custom iSCSI initiator name.'),
  }),
  'An iSCSI disk for a persistent volume.',
);

export const CinderPersistentVolumeSource = named(
  'CinderPersistentVolumeSource',
  z.object({ volumeID: str().describe('Cinder volume id.'), fsType: fsType(), readOnly: readOnly(), secretRef: secretRef() }),
  'An OpenStack Cinder volume for a persistent volume.',
);

export const CephFSPersistentVolumeSource = named(
  'CephFSPersistentVolumeSource',
  z.object({
    monitors: z.array(str()).meta({ description: 'Ceph monitors.', 'x-kubernetes-list-type': 'atomic' }),
    path: opt(str(), 'Root of the mount. Defaults to /.'),
    user: opt(str(), 'RADOS user. Defaults to admin.'),
    secretFile: opt(str(), 'Path to the keyring. Defaults to /etc/ceph/user.secret.'),
    secretRef: secretRef(),
    readOnly: readOnly(),
  }),
  'A Ceph filesystem mount for a persistent volume.',
);

export const FlexPersistentVolumeSource = named(
  'FlexPersistentVolumeSource',
  z.object({
    driver: str().describe('Name of the driver.'),
    fsType: fsType(),
    secretRef: secretRef(),
    readOnly: readOnly(),
    options: opt(strMap(), 'Extra driver options.'),
  }),
  'A persistent volume mounted by an exec-based plugin.',
);

export const AzureFilePersistentVolumeSource = named(
  'AzureFilePersistentVolumeSource',
  z.object({
    secretName: str().describe('Secret with the storage account name and key.'),
    shareName: str().describe('Share name.'),
    readOnly: readOnly(),
    secretNamespace: opt(str(), 'Namespace of the secret; defaults to the pod namespace.'),
  }),
  'An Azure File share for a persistent volume.',
);

export const ScaleIOPersistentVolumeSource = named(
  'ScaleIOPersistentVolumeSource',
  z.object({
    gateway: str().describe('ScaleIO API gateway host.'),
    system: str().describe('ScaleIO storage system name.'),
    secretRef: req(SecretReference, 'Secret with the ScaleIO user credentials.'),
    sslEnabled: opt(bool(), 'Use SSL to talk to the gateway.'),
    protectionDomain: opt(str(), 'Protection domain.'),
    storagePool: opt(str(), 'Storage pool.'),
    storageMode: opt(str(), 'ThickProvisioned or ThinProvisioned.'),
    volumeName: opt(str(), 'Name of an existing ScaleIO volume.'),
    fsType: fsType(),
    readOnly: readOnly(),
  }),
  'A ScaleIO volume for a persistent volume.',
);

export const LocalVolumeSource = named(
  'LocalVolumeSource',
  z.object({
    path: str().describe('Full path of the directory or block device on the node.'),
    fsType: opt(str(), 'Filesystem type, only for block devices.'),
  }),
  'A local disk or directory of one node; the volume needs node affinity.',
);

export const StorageOSPersistentVolumeSource = named(
  'StorageOSPersistentVolumeSource',
  z.object({
    volumeName: opt(str(), 'StorageOS volume name.'),
    volumeNamespace: opt(str(), 'StorageOS namespace.'),
    fsType: fsType(),
    readOnly: readOnly(),
    secretRef: opt(ObjectReference, 'Secret with the StorageOS API credentials.'),
  }),
  'A StorageOS volume for a persistent volume.',
);

export const CSIPersistentVolumeSource = named(
  'CSIPersistentVolumeSource',
  z.object({
    driver: str().describe('Name of the CSI driver.'),
    volumeHandle: str().describe('Unique volume name the driver returned on create.'),
    readOnly: readOnly(),
    fsType: fsType(),
    volumeAttributes: opt(strMap(), 'Driver-specific attributes.'),
    controllerPublishSecretRef: opt(SecretReference, 'Secret passed on ControllerPublishVolume and ControllerUnpublishVolume.'),
    nodeStageSecretRef: opt(SecretReference, 'Secret passed on NodeStageVolume and NodeUnstageVolume.'),
    nodePublishSecretRef: opt(SecretReference, 'Secret passed on NodePublishVolume and NodeUnpublishVolume.'),
    controllerExpandSecretRef: opt(SecretReference, 'Secret passed on ControllerExpandVolume.'),
    nodeExpandSecretRef: opt(SecretReference, 'Secret passed on NodeExpandVolume.'),
  }),
  'A volume managed by an external CSI driver.',
);

/** Every source field of PersistentVolumeSpec, in upstream order. */
export const persistentVolumeSourceFields = {
  gcePersistentDisk: opt(GCEPersistentDiskVolumeSource, 'A GCE disk (deprecated).'),
  awsElasticBlockStore: opt(AWSElasticBlockStoreVolumeSource, 'An AWS EBS disk (deprecated).'),
  hostPath: opt(HostPathVolumeSource, 'A directory of the host; for single-node testing only.'),
  glusterfs: opt(GlusterfsPersistentVolumeSource, 'A Glusterfs mount.'),
  nfs: opt(NFSVolumeSource, 'An NFS mount.'),
  rbd: opt(RBDPersistentVolumeSource, 'A Rados block device.'),
  iscsi: opt(ISCSIPersistentVolumeSource, 'An iSCSI disk.'),
  cinder: opt(CinderPersistentVolumeSource, 'A Cinder volume.'),
  cephfs: opt(CephFSPersistentVolumeSource, 'A Ceph filesystem.'),
  fc: opt(FCVolumeSource, 'A Fibre Channel disk.'),
  flocker: opt(FlockerVolumeSource, 'A Flocker dataset.'),
  flexVolume: opt(FlexPersistentVolumeSource, 'A FlexVolume plugin volume.'),
  azureFile: opt(AzureFilePersistentVolumeSource, 'An Azure File share.'),
  vsphereVolume: opt(VsphereVirtualDiskVolumeSource, 'A vSphere disk.'),
  quobyte: opt(QuobyteVolumeSource, 'A Quobyte mount.'),
  azureDisk: opt(AzureDiskVolumeSource, 'An Azure data disk.'),
  photonPersistentDisk: opt(PhotonPersistentDiskVolumeSource, 'A Photon disk.'),
  portworxVolume: opt(PortworxVolumeSource, 'A Portworx volume.'),
  scaleIO: opt(ScaleIOPersistentVolumeSource, 'A ScaleIO volume.'),
  local: opt(LocalVolumeSource, 'A local disk of one node.'),
  storageos: opt(StorageOSPersistentVolumeSource, 'A StorageOS volume.'),
  csi: opt(CSIPersistentVolumeSource, 'A volume of an external CSI driver.'),
};

/** The names of the PV source fields, in upstream order. */
export const persistentVolumeSourceNames = Object.keys(persistentVolumeSourceFields) as Array<keyof typeof persistentVolumeSourceFields>;
