// Package open311 serves the Open311 GeoReport v2 API (SPEC §11) under /open311/v2/
// and the public citizen page under /public/: an adapter over workorder, like api.
//
// Categories are services (service_code is the category's id as a string); requests
// become orders with source 政务服务网 and flow through the normal dispatch; the
// order's state is projected onto the standard's fields. The reporter's name and
// phone are never written to a response.
//
// It may import net/http, httpx, app, georeport, privacy and workorder; nothing inner
// imports it. Its model (keys, request fields, the Store interface that store.Open311
// implements) is the domain package georeport.
package open311
