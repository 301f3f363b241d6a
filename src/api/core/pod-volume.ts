/** core/v1 Volume and every volume source a pod may use, including the ephemeral PVC template. */
import { z } from 'zod';
import { LabelSelector, ObjectMeta, Quantity } from '../meta.js';
import { LocalObjectReference, ObjectFieldSelector, ResourceFieldSelector } from './pod-container.js';
import {
  AWSElasticBlockStoreVolumeSource,
  AzureDiskVolumeSource,
  AzureFileVolumeSource,
  CephFSVolumeSource,
  CinderVolumeSource,
  FCVolumeSource,
  FlexVolumeSource,
  FlockerVolumeSource,
  GCEPersistentDiskVolumeSource,
  GitRepoVolumeSource,
  GlusterfsVolumeSource,
  ISCSIVolumeSource,
  NFSVolumeSource,
  PhotonPersistentDiskVolumeSource,
  PortworxVolumeSource,
  QuobyteVolumeSource,
  RBDVolumeSource,
  ScaleIOVolumeSource,
  StorageOSVolumeSource,
  VsphereVirtualDiskVolumeSource,
} from './pod-volume-plugins.js';
import { atomicList, bool, fsType, int, named, opt, readOnly, req, str, strMap } from './pod-schema-helpers.js';
import { enumStr, HOST_PATH_TYPE, PERSISTENT_VOLUME_MODE, PULL_POLICY } from './enums.js';


export const KeyToPath = named(
  'KeyToPath',
  z.object({
    key: str().describe('The key to project.'),
    path: str().describe('Relative path of the file; may not contain "..".'),
    mode: opt(int(), 'File mode bits (0000-0777); defaults to the volume defaultMode.'),
  }),
  'Maps a key to a file path in a volume.',
);

export const HostPathVolumeSource = named(
  'HostPathVolumeSource',
  z.object({
    path: str().describe('Path on the host.'),
    type: opt(enumStr(HOST_PATH_TYPE), '"", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.'),
  }),
  'A file or directory of the host.',
);

export const EmptyDirVolumeSource = named(
  'EmptyDirVolumeSource',
  z.object({
    medium: opt(str(), '"" for the node default storage, or Memory for tmpfs.'),
    sizeLimit: opt(Quantity, 'Most storage the volume may use.'),
  }),
  'An empty directory that lives as long as the pod.',
);

export const SecretVolumeSource = named(
  'SecretVolumeSource',
  z.object({
    secretName: opt(str(), 'Name of the Secret in the pod namespace.'),
    items: atomicList(KeyToPath, 'Keys to project; all keys when empty.'),
    defaultMode: opt(int(), 'Mode bits of the files. Defaults to 0644 (420).'),
    optional: opt(bool(), 'Whether the Secret or its keys may be missing.'),
  }),
  'The keys of a Secret as files.',
);

export const PersistentVolumeClaimVolumeSource = named(
  'PersistentVolumeClaimVolumeSource',
  z.object({ claimName: str().describe('Name of a PersistentVolumeClaim in the pod namespace.'), readOnly: readOnly() }),
  'The volume bound to a PersistentVolumeClaim.',
);

export const DownwardAPIVolumeFile = named(
  'DownwardAPIVolumeFile',
  z.object({
    path: str().describe('Relative path of the file.'),
    fieldRef: opt(ObjectFieldSelector, 'A pod field: annotations, labels, name, namespace or uid.'),
    resourceFieldRef: opt(ResourceFieldSelector, 'A container resource limit or request.'),
    mode: opt(int(), 'File mode bits (0000-0777).'),
  }),
  'One file of a downward API volume.',
);

export const DownwardAPIVolumeSource = named(
  'DownwardAPIVolumeSource',
  z.object({
    items: atomicList(DownwardAPIVolumeFile, 'The files.'),
    defaultMode: opt(int(), 'Mode bits of the files. Defaults to 0644 (420).'),
  }),
  'Pod information as files.',
);

export const ConfigMapVolumeSource = named(
  'ConfigMapVolumeSource',
  z.object({
    name: opt(str(), 'Name of the ConfigMap.'),
    items: atomicList(KeyToPath, 'Keys to project; all keys when empty.'),
    defaultMode: opt(int(), 'Mode bits of the files. Defaults to 0644 (420).'),
    optional: opt(bool(), 'Whether the ConfigMap or its keys may be missing.'),
  }),
  'The keys of a ConfigMap as files.',
);

export const SecretProjection = named(
  'SecretProjection',
  z.object({ name: opt(str(), 'Name of the Secret.'), items: atomicList(KeyToPath, 'Keys to project.'), optional: opt(bool(), 'Whether it may be missing.') }),
  'Keys of a Secret in a projected volume.',
);

export const ConfigMapProjection = named(
  'ConfigMapProjection',
  z.object({ name: opt(str(), 'Name of the ConfigMap.'), items: atomicList(KeyToPath, 'Keys to project.'), optional: opt(bool(), 'Whether it may be missing.') }),
  'Keys of a ConfigMap in a projected volume.',
);

export const DownwardAPIProjection = named(
  'DownwardAPIProjection',
  z.object({ items: atomicList(DownwardAPIVolumeFile, 'The files.') }),
  'Pod information in a projected volume.',
);

export const ServiceAccountTokenProjection = named(
  'ServiceAccountTokenProjection',
  z.object({
    audience: opt(str(), 'Intended audience of the token. Defaults to the API server.'),
    expirationSeconds: opt(int(), 'Requested lifetime. Defaults to 3600, at least 600.'),
    path: str().describe('Relative path of the token file.'),
  }),
  'A service account token in a projected volume.',
);

export const ClusterTrustBundleProjection = named(
  'ClusterTrustBundleProjection',
  z.object({
    name: opt(str(), 'Select one ClusterTrustBundle by name.'),
    signerName: opt(str(), 'Select ClusterTrustBundles by signer name.'),
    labelSelector: opt(LabelSelector, 'Select ClusterTrustBundles by labels.'),
    optional: opt(bool(), 'Whether a missing bundle is tolerated.'),
    path: str().describe('Relative path of the file.'),
  }),
  'ClusterTrustBundle certificates in a projected volume.',
);

export const VolumeProjection = named(
  'VolumeProjection',
  z.object({
    secret: opt(SecretProjection, 'Keys of a Secret.'),
    downwardAPI: opt(DownwardAPIProjection, 'Pod information.'),
    configMap: opt(ConfigMapProjection, 'Keys of a ConfigMap.'),
    serviceAccountToken: opt(ServiceAccountTokenProjection, 'A service account token.'),
    clusterTrustBundle: opt(ClusterTrustBundleProjection, 'ClusterTrustBundle certificates.'),
  }),
  'One source of a projected volume.',
);

export const ProjectedVolumeSource = named(
  'ProjectedVolumeSource',
  z.object({
    sources: atomicList(VolumeProjection, 'The sources.'),
    defaultMode: opt(int(), 'Mode bits of the files. Defaults to 0644 (420).'),
  }),
  'Several sources in one directory.',
);

export const CSIVolumeSource = named(
  'CSIVolumeSource',
  z.object({
    driver: str().describe('Name of the CSI driver.'),
    readOnly: readOnly(),
    fsType: fsType(),
    volumeAttributes: opt(strMap(), 'Driver-specific attributes.'),
    nodePublishSecretRef: opt(LocalObjectReference, 'Secret passed to the driver on publish.'),
  }),
  'An inline volume provided by a CSI driver.',
);

export const TypedLocalObjectReference = named(
  'TypedLocalObjectReference',
  z.object({
    apiGroup: opt(str(), 'API group of the object; empty for the core group.'),
    kind: str().describe('Kind of the object.'),
    name: str().describe('Name of the object.'),
  }),
  'A reference to an object of any kind in the same namespace.',
  { 'x-kubernetes-map-type': 'atomic' },
);

export const TypedObjectReference = named(
  'TypedObjectReference',
  z.object({
    apiGroup: opt(str(), 'API group of the object; empty for the core group.'),
    kind: str().describe('Kind of the object.'),
    name: str().describe('Name of the object.'),
    namespace: opt(str(), 'Namespace of the object.'),
  }),
  'A reference to an object of any kind.',
);

export const VolumeResourceRequirements = named(
  'VolumeResourceRequirements',
  z.object({
    limits: opt(z.record(z.string(), Quantity), 'Most storage allowed.'),
    requests: opt(z.record(z.string(), Quantity), 'Storage needed.'),
  }),
  'Storage requests and limits of a claim.',
);

export const PersistentVolumeClaimSpec = named(
  'PersistentVolumeClaimSpec',
  z.object({
    accessModes: atomicList(str(), 'ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.'),
    selector: opt(LabelSelector, 'Label query over volumes to bind.'),
    resources: opt(VolumeResourceRequirements, 'Storage the claim needs.'),
    volumeName: opt(str(), 'Bind to this PersistentVolume.'),
    storageClassName: opt(str(), 'StorageClass the claim uses.'),
    volumeMode: opt(enumStr(PERSISTENT_VOLUME_MODE), 'Filesystem or Block.'),
    dataSource: opt(TypedLocalObjectReference, 'Populate the volume from this object.'),
    dataSourceRef: opt(TypedObjectReference, 'Populate the volume from this object, possibly a custom populator.'),
    volumeAttributesClassName: opt(str(), 'VolumeAttributesClass the claim uses.'),
  }),
  'What a PersistentVolumeClaim asks for.',
);

export const PersistentVolumeClaimTemplate = named(
  'PersistentVolumeClaimTemplate',
  z.object({
    metadata: opt(ObjectMeta, 'Labels and annotations copied to the claim.'),
    spec: req(PersistentVolumeClaimSpec, 'The claim spec, copied unchanged.'),
  }),
  'Template of a PersistentVolumeClaim made for an ephemeral volume.',
);

export const EphemeralVolumeSource = named(
  'EphemeralVolumeSource',
  z.object({ volumeClaimTemplate: opt(PersistentVolumeClaimTemplate, 'Template of the claim created with the pod.') }),
  'A volume whose claim lives and dies with the pod.',
);

export const ImageVolumeSource = named(
  'ImageVolumeSource',
  z.object({
    reference: opt(str(), 'Image or artifact reference to mount.'),
    pullPolicy: opt(enumStr(PULL_POLICY), 'Always, Never or IfNotPresent.'),
  }),
  'An OCI image or artifact mounted read-only.',
);

/** Every volume source field of Volume (upstream's inlined VolumeSource). */
export const volumeSourceFields = {
  hostPath: opt(HostPathVolumeSource, 'A file or directory of the node.'),
  emptyDir: opt(EmptyDirVolumeSource, 'An empty directory that lives as long as the pod.'),
  gcePersistentDisk: opt(GCEPersistentDiskVolumeSource, 'A GCE disk (deprecated).'),
  awsElasticBlockStore: opt(AWSElasticBlockStoreVolumeSource, 'An AWS EBS disk (deprecated).'),
  gitRepo: opt(GitRepoVolumeSource, 'A git repository (deprecated).'),
  secret: opt(SecretVolumeSource, 'A Secret as files.'),
  nfs: opt(NFSVolumeSource, 'An NFS mount.'),
  iscsi: opt(ISCSIVolumeSource, 'An iSCSI disk.'),
  glusterfs: opt(GlusterfsVolumeSource, 'A Glusterfs mount.'),
  persistentVolumeClaim: opt(PersistentVolumeClaimVolumeSource, 'A PersistentVolumeClaim in the same namespace.'),
  rbd: opt(RBDVolumeSource, 'A Rados block device.'),
  flexVolume: opt(FlexVolumeSource, 'A FlexVolume plugin volume.'),
  cinder: opt(CinderVolumeSource, 'A Cinder volume.'),
  cephfs: opt(CephFSVolumeSource, 'A Ceph filesystem.'),
  flocker: opt(FlockerVolumeSource, 'A Flocker dataset.'),
  downwardAPI: opt(DownwardAPIVolumeSource, 'Pod information as files.'),
  fc: opt(FCVolumeSource, 'A Fibre Channel disk.'),
  azureFile: opt(AzureFileVolumeSource, 'An Azure File share.'),
  configMap: opt(ConfigMapVolumeSource, 'A ConfigMap as files.'),
  vsphereVolume: opt(VsphereVirtualDiskVolumeSource, 'A vSphere disk.'),
  quobyte: opt(QuobyteVolumeSource, 'A Quobyte mount.'),
  azureDisk: opt(AzureDiskVolumeSource, 'An Azure data disk.'),
  photonPersistentDisk: opt(PhotonPersistentDiskVolumeSource, 'A Photon disk.'),
  projected: opt(ProjectedVolumeSource, 'Secrets, ConfigMaps, downward API and tokens in one directory.'),
  portworxVolume: opt(PortworxVolumeSource, 'A Portworx volume.'),
  scaleIO: opt(ScaleIOVolumeSource, 'A ScaleIO volume.'),
  storageos: opt(StorageOSVolumeSource, 'A StorageOS volume.'),
  csi: opt(CSIVolumeSource, 'An inline CSI volume.'),
  ephemeral: opt(EphemeralVolumeSource, 'A volume with a claim created and deleted with the pod.'),
  image: opt(ImageVolumeSource, 'An OCI image mounted read-only.'),
};

/** The names of the volume source fields, in upstream order. */
export const volumeSourceNames = Object.keys(volumeSourceFields) as Array<keyof typeof volumeSourceFields>;

export const Volume = named(
  'Volume',
  z.object({
    name: str().describe('Name of the volume, a DNS label unique within the pod.'),
    ...volumeSourceFields,
  }),
  'A named volume that containers of the pod can mount.',
);

export type KeyToPath = z.infer<typeof KeyToPath>;
export type DownwardAPIVolumeFile = z.infer<typeof DownwardAPIVolumeFile>;
export type Volume = z.infer<typeof Volume>;
export type VolumeProjection = z.infer<typeof VolumeProjection>;
export type PersistentVolumeClaimSpec = z.infer<typeof PersistentVolumeClaimSpec>;
