/** The URL: the query written for a view, byte for byte, and read back. */
import { describe, expect, it } from 'vitest';
import { normalizeParams } from '../../../src/state/normalize';
import { paramsToQuery, queryToRaw } from '../../../src/state/url';

// The queries the app wrote for these views before the store (src/params.ts): a change of
// format would break every link already shared.
const VIEWS: [Record<string, string>, string][] = [
  [{}, ''],
  [
    { opt: 'adam', lr: '0.01', compare: 'sgd,lr=0.0001;clip,lr=0.05,clip=0.5;adam', start: '0.5,-1.25', cam: '400,10,3', frame: '12', play: '0' },
    'start=0.5,-1.25&opt=adam&compare=sgd,lr=0.0001;clip,lr=0.05,clip=0.5;adam&play=0&frame=12&cam=40,10,3',
  ],
  [
    { atlas: 'lr', atlasRange: '-6,-2,-7,-3', atlasEtaRange: '1.1,3,0.1,0.9', lrWRec: '0.002', layout: '2d', lang: 'zh-Hant', test: '0 1 0', present: '1' },
    'lrWRec=0.002&atlas=lr&atlasRange=-6,-2,-7,-3&atlasEtaRange=1.1,3,0.1,0.9&layout=2d&test=010&present=1&lang=zh-Hant',
  ],
  [
    {
      preset: 'random', seed: '7', samples: '30', seqLen: '12', range: '-2,2.5,-1,1', res: '64', atlas: 'starts', atlasRes: '32', atlasOn3d: '1',
      zoom: 'zoom', contours: '0', still: '1', speed: '12.5', tol: '1e-5', iterations: '250', backend: 'cpu', opt: 'rprop ',
    },
    'preset=random&seed=7&samples=30&seqLen=12&range=-2,2.5,-1,1&res=64&opt=rprop%2B&iterations=250&tol=0.00001&backend=cpu&atlas=starts&atlasRes=32&atlasOn3d=1&contours=0&zoom=zoom&speed=12.5&still=1',
  ],
];

describe('the URL', () => {
  it.each(VIEWS)('a view writes the same query as before the store: %j', (raw, query) => {
    const { params } = normalizeParams(raw);
    expect(paramsToQuery(params)).toBe(query);
    // and reading it back gives the same parameters, without a message
    const back = normalizeParams(queryToRaw(`?${query}`));
    expect(back.messages).toEqual([]);
    expect(back.params).toEqual(params);
  });

  it('queryToRaw: with or without "?", the last of a repeated key wins, "+" is a space', () => {
    expect(queryToRaw('?a=1&b=2&a=3')).toEqual({ a: '3', b: '2' });
    expect(queryToRaw('opt=rprop+')).toEqual({ opt: 'rprop ' });
    expect(queryToRaw('')).toEqual({});
  });
});
