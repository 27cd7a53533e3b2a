// The JSON:API media type every /api request and response uses.
export const MEDIA_TYPE = 'application/vnd.api+json';
