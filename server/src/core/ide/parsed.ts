// What a lint already built for a document, handed to the editor features so that they do not
// parse the text again per request (a lint result has this shape). Pure: core only.
import type { PolicyModel } from '../model/policy';
import type { ZoneModel } from '../model/zone';

/** The model of the same text the feature is asked about; absent parts are parsed on demand. */
export interface ParsedDocument {
  readonly policy?: PolicyModel;
  readonly zone?: ZoneModel;
}
