package main

// VSGUARD_VCSIM_REJECT_PASSWORD: vcsim logs in any user with any non-empty password. To test a client's
// handling of a wrong password end to end, a Login carrying this one password reaches vcsim
// with the password blanked, so vcsim itself answers its InvalidLogin fault.

import (
	"bytes"
	"encoding/xml"
	"io"
	"io/ioutil"
	"net/http"
	"regexp"
)

const rejectPasswordEnv = "VSGUARD_VCSIM_REJECT_PASSWORD"

// maxRequest bounds what is buffered to look for a Login; SOAP requests of a client are small.
const maxRequest = 16 << 20

var passwordElement = regexp.MustCompile(`<((?:[A-Za-z_][\w.-]*:)?password)(\s[^>]*)?>[^<]*</[^>]*password>`)

func rejectingLogin(next http.Handler, rejected string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Body == nil {
			next.ServeHTTP(w, r)
			return
		}
		body, err := ioutil.ReadAll(io.LimitReader(r.Body, maxRequest))
		_ = r.Body.Close()
		if err != nil {
			http.Error(w, "cannot read request", http.StatusBadRequest)
			return
		}
		if loginPassword(body) == rejected {
			body = passwordElement.ReplaceAll(body, []byte("<$1$2></$1>"))
		}
		r.Body = ioutil.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		next.ServeHTTP(w, r)
	})
}

// loginPassword is the (unescaped) password of a Login request, or "" for any other request.
func loginPassword(body []byte) string {
	if !bytes.Contains(body, []byte("Login")) {
		return ""
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	inLogin, inPassword := false, false
	var text bytes.Buffer
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "Login" {
				inLogin = true
			} else if inLogin && t.Name.Local == "password" {
				inPassword = true
			}
		case xml.CharData:
			if inPassword {
				text.Write(t)
			}
		case xml.EndElement:
			if inPassword && t.Name.Local == "password" {
				return text.String()
			}
		}
	}
}
