/**
 * Raw test cases of k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go
 * (strategicMergePatchRawTestCases), apply half: the two-way patch applied to `original` gives
 * `twoWayResult ?? modified`; the three-way patch applied to `current` gives `result`.
 * Order matters in these cases (upstream compares them without sorting).
 */
export interface RawCase {
  d: string;
  original: string;
  twoWay: string;
  modified: string;
  twoWayResult?: string;
  current?: string;
  threeWay?: string;
  result?: string;
}

export const rawCases: RawCase[] = [
  {
    d: 'nested patch merge with empty list',
    original: 'name: hi',
    current: 'name: hi\nmergingList: [{name: hello2}]',
    modified: 'name: hi\nmergingList: [{name: hello}, {$patch: delete, name: doesntexist}]',
    twoWay: 'mergingList: [{name: hello}, {$patch: delete, name: doesntexist}]',
    threeWay: '$setElementOrder/mergingList: [{name: hello}, {name: doesntexist}]\nmergingList: [{name: hello}]',
    twoWayResult: 'name: hi\nmergingList: [{name: hello}]',
    result: 'name: hi\nmergingList: [{name: hello}, {name: hello2}]',
  },
  {
    d: 'delete items in lists of scalars',
    original: 'mergingIntList: [1, 2, 3]',
    twoWay: '$setElementOrder/mergingIntList: [1, 2]\n$deleteFromPrimitiveList/mergingIntList: [3]',
    modified: 'mergingIntList: [1, 2]',
    current: 'mergingIntList: [1, 2, 3, 4]',
    threeWay: '$setElementOrder/mergingIntList: [1, 2]\n$deleteFromPrimitiveList/mergingIntList: [3]',
    result: 'mergingIntList: [1, 2, 4]',
  },
  {
    d: 'delete all duplicate items in lists of scalars',
    original: 'mergingIntList: [1, 2, 3, 3]',
    twoWay: '$setElementOrder/mergingIntList: [1, 2]\n$deleteFromPrimitiveList/mergingIntList: [3]',
    modified: 'mergingIntList: [1, 2]',
    current: 'mergingIntList: [1, 2, 3, 3, 4]',
    threeWay: '$setElementOrder/mergingIntList: [1, 2]\n$deleteFromPrimitiveList/mergingIntList: [3]',
    result: 'mergingIntList: [1, 2, 4]',
  },
  {
    d: 'add and delete items in lists of scalars',
    original: 'mergingIntList: [1, 2, 3]',
    twoWay: '$setElementOrder/mergingIntList: [1, 2, 4]\n$deleteFromPrimitiveList/mergingIntList: [3]\nmergingIntList: [4]',
    modified: 'mergingIntList: [1, 2, 4]',
    current: 'mergingIntList: [1, 2, 3, 4]',
    threeWay: '$setElementOrder/mergingIntList: [1, 2, 4]\n$deleteFromPrimitiveList/mergingIntList: [3]',
    result: 'mergingIntList: [1, 2, 4]',
  },
  {
    d: 'merge lists of maps',
    original: 'mergingList: [{name: 1}, {name: 2, value: 2}]',
    twoWay:
      '$setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}]\nmergingList: [{name: 4, value: 4}, {name: 3, value: 3}]',
    modified: 'mergingList: [{name: 4, value: 4}, {name: 1}, {name: 2, value: 2}, {name: 3, value: 3}]',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}]',
    threeWay:
      '$setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}]\nmergingList: [{name: 4, value: 4}, {name: 3, value: 3}]',
    result: 'mergingList: [{name: 4, value: 4}, {name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
  },
  {
    d: 'merge lists of maps with conflict',
    original: 'mergingList: [{name: 1}, {name: 2, value: 2}]',
    twoWay: '$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}]\nmergingList: [{name: 3, value: 3}]',
    modified: 'mergingList: [{name: 1}, {name: 2, value: 2}, {name: 3, value: 3}]',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, value: 3, other: b}]',
    threeWay:
      '$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}]\nmergingList: [{name: 2, value: 2}, {name: 3, value: 3}]',
    result: 'mergingList: [{name: 1, other: a}, {name: 2, value: 2, other: b}, {name: 3, value: 3}]',
  },
  {
    d: 'add field to map in merging list with conflict',
    original: 'mergingList: [{name: 1}, {name: 2, value: 2}]',
    twoWay: '$setElementOrder/mergingList: [{name: 1}, {name: 2}]\nmergingList: [{name: 1, value: 1}]',
    modified: 'mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]',
    current: 'mergingList: [{name: 1, other: a}, {name: 3, value: 2, other: b}]',
    threeWay:
      '$setElementOrder/mergingList: [{name: 1}, {name: 2}]\nmergingList: [{name: 1, value: 1}, {name: 2, value: 2}]',
    result: 'mergingList: [{name: 1, value: 1, other: a}, {name: 2, value: 2}, {name: 3, value: 2, other: b}]',
  },
  {
    d: 'add an item that already exists in current object in merging list',
    original: 'mergingList: [{name: 1, value: a}, {name: 2}]',
    twoWay: '$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}]\nmergingList: [{name: 3}]',
    modified: 'mergingList: [{name: 1, value: a}, {name: 2}, {name: 3}]',
    current: 'mergingList: [{name: 1, value: a, other: x}, {name: 2}, {name: 3}]',
    threeWay: '{}',
    result: 'mergingList: [{name: 1, value: a, other: x}, {name: 2}, {name: 3}]',
  },
  {
    d: 'replace map field value in merging list with conflict',
    original: 'mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]',
    twoWay: '$setElementOrder/mergingList: [{name: 1}, {name: 2}]\nmergingList: [{name: 1, value: a}]',
    modified: 'mergingList: [{name: 1, value: a}, {name: 2, value: 2}]',
    current: 'mergingList: [{name: 1, value: 3, other: a}, {name: 2, value: 2, other: b}]',
    threeWay: '$setElementOrder/mergingList: [{name: 1}, {name: 2}]\nmergingList: [{name: 1, value: a}]',
    result: 'mergingList: [{name: 1, value: a, other: a}, {name: 2, value: 2, other: b}]',
  },
  {
    d: 'delete map from merging list with conflict',
    original: 'mergingList: [{name: 1}, {name: 2}]',
    twoWay: '$setElementOrder/mergingList: [{name: 2}]\nmergingList: [{name: 1, $patch: delete}]',
    modified: 'mergingList: [{name: 2}]',
    current: 'mergingList: [{name: 1, other: a}, {name: 2, other: b}]',
    threeWay: '$setElementOrder/mergingList: [{name: 2}]\nmergingList: [{name: 1, $patch: delete}]',
    result: 'mergingList: [{name: 2, other: b}]',
  },
  {
    d: 'delete missing map from merging list with conflict',
    original: 'mergingList: [{name: 1}, {name: 2}]',
    twoWay: '$setElementOrder/mergingList: [{name: 2}]\nmergingList: [{name: 1, $patch: delete}]',
    modified: 'mergingList: [{name: 2}]',
    current: 'mergingList: [{name: 3, other: a}]',
    threeWay: '$setElementOrder/mergingList: [{name: 2}]\nmergingList: [{name: 2}, {name: 1, $patch: delete}]',
    result: 'mergingList: [{name: 2}, {name: 3, other: a}]',
  },
  {
    d: 'add map and delete map from merging list',
    original: 'mergingList: [{name: 1}, {name: 2}]',
    twoWay: '$setElementOrder/mergingList: [{name: 2}, {name: 3}]\nmergingList: [{name: 3}, {name: 1, $patch: delete}]',
    modified: 'mergingList: [{name: 2}, {name: 3}]',
    current: 'mergingList: [{name: 1}, {name: 2, other: b}, {name: 4, other: c}]',
    threeWay: '$setElementOrder/mergingList: [{name: 2}, {name: 3}]\nmergingList: [{name: 3}, {name: 1, $patch: delete}]',
    result: 'mergingList: [{name: 2, other: b}, {name: 4, other: c}, {name: 3}]',
  },
  {
    d: 'retainKeys map changes a field in a nested map with conflict',
    original: 'retainKeysMap: {name: foo, value: bar, simpleMap: {key1: old, key2: b}}',
    current: 'retainKeysMap: {name: foo, value: bar, simpleMap: {key1: new, key2: b, key3: c}}',
    modified: 'retainKeysMap: {name: foo, value: bar, simpleMap: {key1: modified, key2: b}}',
    twoWay: 'retainKeysMap: {$retainKeys: [name, simpleMap, value], simpleMap: {key1: modified}}',
    threeWay: 'retainKeysMap: {$retainKeys: [name, simpleMap, value], simpleMap: {key1: modified}}',
    result: 'retainKeysMap: {name: foo, value: bar, simpleMap: {key1: modified, key2: b, key3: c}}',
  },
  {
    d: 'retainKeys map replaces non-merging list',
    original: 'retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a}, {name: b}]}',
    current: 'retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a}, {name: b}]}',
    modified: 'retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a}, {name: c}, {name: b}]}',
    twoWay: 'retainKeysMap: {$retainKeys: [name, nonMergingList, value], nonMergingList: [{name: a}, {name: c}, {name: b}]}',
    threeWay: 'retainKeysMap: {$retainKeys: [name, nonMergingList, value], nonMergingList: [{name: a}, {name: c}, {name: b}]}',
    result: 'retainKeysMap: {name: foo, value: bar, nonMergingList: [{name: a}, {name: c}, {name: b}]}',
  },
  {
    d: 'retainKeys map deletes nested non-merging list with conflict',
    original: 'retainKeysMap: {name: foo, nonMergingList: [{name: a}, {name: b}]}',
    current: 'retainKeysMap: {name: foo, nonMergingList: [{name: a}, {name: b}, {name: c}]}',
    modified: 'retainKeysMap: {name: foo, value: bar}',
    twoWay: 'retainKeysMap: {$retainKeys: [name, value], value: bar, nonMergingList: null}',
    threeWay: 'retainKeysMap: {$retainKeys: [name, value], value: bar, nonMergingList: null}',
    result: 'retainKeysMap: {name: foo, value: bar}',
  },
  {
    d: 'retainKeys map nested merging int list with no change',
    original: 'retainKeysMap: {name: foo, mergingIntList: [1, 2]}',
    current: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}',
    modified: 'retainKeysMap: {name: foo, value: bar, mergingIntList: [1, 2]}',
    twoWay: 'retainKeysMap: {$retainKeys: [mergingIntList, name, value], value: bar}',
    threeWay: 'retainKeysMap: {$retainKeys: [mergingIntList, name, value], $setElementOrder/mergingIntList: [1, 2], value: bar}',
    result: 'retainKeysMap: {name: foo, value: bar, mergingIntList: [1, 2, 3]}',
  },
  {
    d: 'retainKeys map adds an item in nested merging int list',
    original: 'retainKeysMap: {name: foo, mergingIntList: [1, 2]}',
    current: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}',
    modified: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 4]}',
    twoWay: 'retainKeysMap: {$setElementOrder/mergingIntList: [1, 2, 4], $retainKeys: [mergingIntList, name], mergingIntList: [4]}',
    threeWay: 'retainKeysMap: {$setElementOrder/mergingIntList: [1, 2, 4], $retainKeys: [mergingIntList, name], mergingIntList: [4]}',
    result: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 4, 3]}',
  },
  {
    d: 'retainKeys map adds an item and deletes an item in nested merging int list',
    original: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}',
    current: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 3, 4]}',
    modified: 'retainKeysMap: {name: foo, mergingIntList: [1, 3, 5]}',
    twoWay:
      'retainKeysMap: {$retainKeys: [mergingIntList, name], mergingIntList: [5], $deleteFromPrimitiveList/mergingIntList: [2], $setElementOrder/mergingIntList: [1, 3, 5]}',
    threeWay:
      'retainKeysMap: {$retainKeys: [mergingIntList, name], mergingIntList: [5], $deleteFromPrimitiveList/mergingIntList: [2], $setElementOrder/mergingIntList: [1, 3, 5]}',
    result: 'retainKeysMap: {name: foo, mergingIntList: [1, 3, 5, 4]}',
  },
  {
    d: 'retainKeys map adds an item in nested merging list',
    original: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}]}',
    current: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: x}]}',
    modified: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: c}]}',
    twoWay:
      'retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}, {name: b}, {name: c}], mergingList: [{name: c}]}',
    threeWay:
      'retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}, {name: b}, {name: c}], mergingList: [{name: c}]}',
    result: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: c}, {name: x}]}',
  },
  {
    d: 'retainKeys map deletes an item in nested merging list',
    original: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}]}',
    current: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: x}]}',
    modified: 'retainKeysMap: {name: foo, mergingList: [{name: a}]}',
    twoWay:
      'retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}], mergingList: [{name: b, $patch: delete}]}',
    threeWay:
      'retainKeysMap: {$retainKeys: [mergingList, name], $setElementOrder/mergingList: [{name: a}], mergingList: [{name: b, $patch: delete}]}',
    result: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: x}]}',
  },
];
