/** core/v1 Volume and every volume source a pod may use, including the ephemeral PVC template. */
import { z } from 'zod';
import { LabelSelector, ObjectMeta, Quantity } from '../meta.js';
import { LocalObjectReference, ObjectFieldSelector, ResourceFieldSelector } from './pod-container.js';
import { atomicList, bool, int, named, opt, req, str, strMap } from './pod-schema-helpers.js';
import { enumStr, AZURE_DATA_DISK_CACHING_MODE, AZURE_DATA_DISK_KIND, HOST_PATH_TYPE, PERSISTENT_VOLUME_MODE, PULL_POLICY } from './enums.js';

const fsType = () => opt(str(), 'Filesystem type to mount, such as ext4 or xfs.');
const readOnly = () => opt(bool(), 'Mount read-only.');
const secretRef = () => opt(LocalObjectReference, 'Secret with the credentials.');

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

export const NFSVolumeSource = named(
  'NFSVolumeSource',
  z.object({ server: str().describe('NFS server host or IP.'), path: str().describe('Exported path.'), readOnly: readOnly() }),
  'An NFS mount.',
);

export const ISCSIVolumeSource = named(
  'ISCSIVolumeSource',
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
  'An iSCSI disk.',
);

export const GlusterfsVolumeSource = named(
  'GlusterfsVolumeSource',
  z.object({ endpoints: str().describe('Endpoints object naming the Glusterfs servers.'), path: str().describe('Glusterfs volume path.'), readOnly: readOnly() }),
  'A Glusterfs mount (removed from most clusters).',
);

export const PersistentVolumeClaimVolumeSource = named(
  'PersistentVolumeClaimVolumeSource',
  z.object({ claimName: str().describe('Name of a PersistentVolumeClaim in the pod namespace.'), readOnly: readOnly() }),
  'The volume bound to a PersistentVolumeClaim.',
);

export const RBDVolumeSource = named(
  'RBDVolumeSource',
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
  'A Rados block device (deprecated).',
);

export const FlexVolumeSource = named(
  'FlexVolumeSource',
  z.object({
    driver: str().describe('Name of the driver.'),
    fsType: fsType(),
    secretRef: secretRef(),
    readOnly: readOnly(),
    options: opt(strMap(), 'Extra driver options.'),
  }),
  'A volume mounted by an exec-based plugin.',
);

export const CinderVolumeSource = named(
  'CinderVolumeSource',
  z.object({ volumeID: str().describe('Cinder volume id.'), fsType: fsType(), readOnly: readOnly(), secretRef: secretRef() }),
  'An OpenStack Cinder volume (deprecated).',
);

export const CephFSVolumeSource = named(
  'CephFSVolumeSource',
  z.object({
    monitors: z.array(str()).meta({ description: 'Ceph monitors.', 'x-kubernetes-list-type': 'atomic' }),
    path: opt(str(), 'Root of the mount. Defaults to /.'),
    user: opt(str(), 'RADOS user. Defaults to admin.'),
    secretFile: opt(str(), 'Path to the keyring. Defaults to /etc/ceph/user.secret.'),
    secretRef: secretRef(),
    readOnly: readOnly(),
  }),
  'A Ceph filesystem mount.',
);

export const FlockerVolumeSource = named(
  'FlockerVolumeSource',
  z.object({ datasetName: opt(str(), 'Flocker dataset name.'), datasetUUID: opt(str(), 'Flocker dataset UUID.') }),
  'A Flocker dataset (deprecated).',
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

export const PortworxVolumeSource = named(
  'PortworxVolumeSource',
  z.object({ volumeID: str().describe('Portworx volume id.'), fsType: fsType(), readOnly: readOnly() }),
  'A Portworx volume (deprecated).',
);

export const ScaleIOVolumeSource = named(
  'ScaleIOVolumeSource',
  z.object({
    gateway: str().describe('ScaleIO API gateway host.'),
    system: str().describe('ScaleIO storage system name.'),
    secretRef: req(LocalObjectReference, 'Secret with the ScaleIO user credentials.'),
    sslEnabled: opt(bool(), 'Use SSL to talk to the gateway.'),
    protectionDomain: opt(str(), 'Protection domain.'),
    storagePool: opt(str(), 'Storage pool.'),
    storageMode: opt(str(), 'ThickProvisioned or ThinProvisioned.'),
    volumeName: opt(str(), 'Name of an existing ScaleIO volume.'),
    fsType: fsType(),
    readOnly: readOnly(),
  }),
  'A ScaleIO volume (removed from most clusters).',
);

export const StorageOSVolumeSource = named(
  'StorageOSVolumeSource',
  z.object({
    volumeName: opt(str(), 'StorageOS volume name.'),
    volumeNamespace: opt(str(), 'StorageOS namespace.'),
    fsType: fsType(),
    readOnly: readOnly(),
    secretRef: secretRef(),
  }),
  'A StorageOS volume (removed from most clusters).',
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
