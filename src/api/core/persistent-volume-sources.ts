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
  cephFSFields,
  cinderFields,
  flexFields,
  glusterfsFields,
  iscsiFields,
  rbdFields,
  scaleIOFields,
  storageOSFields,
} from './pod-volume-plugins.js';
import { HostPathVolumeSource } from './pod-volume.js';
import { fsType, named, opt, readOnly, req, str, strMap } from './pod-schema-helpers.js';


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
    ...glusterfsFields(),
    endpointsNamespace: opt(str(), 'Namespace of the endpoints object; defaults to the claim namespace.'),
  }),
  'A Glusterfs mount for a persistent volume.',
);

export const RBDPersistentVolumeSource = named(
  'RBDPersistentVolumeSource',
  z.object(rbdFields(secretRef())),
  'A Rados block device for a persistent volume.',
);

export const ISCSIPersistentVolumeSource = named(
  'ISCSIPersistentVolumeSource',
  z.object(iscsiFields(secretRef())),
  'An iSCSI disk for a persistent volume.',
);

export const CinderPersistentVolumeSource = named(
  'CinderPersistentVolumeSource',
  z.object(cinderFields(secretRef())),
  'An OpenStack Cinder volume for a persistent volume.',
);

export const CephFSPersistentVolumeSource = named(
  'CephFSPersistentVolumeSource',
  z.object(cephFSFields(secretRef())),
  'A Ceph filesystem mount for a persistent volume.',
);

export const FlexPersistentVolumeSource = named(
  'FlexPersistentVolumeSource',
  z.object(flexFields(secretRef())),
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
  z.object(scaleIOFields(req(SecretReference, 'Secret with the ScaleIO user credentials.'))),
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
  z.object(storageOSFields(opt(ObjectReference, 'Secret with the StorageOS API credentials.'))),
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
