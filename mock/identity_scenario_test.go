package mock_test

import (
	"net/http/httptest"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/s3invmock/s3invmock/mock"
	"github.com/s3invmock/s3invmock/mock/identity"
	"github.com/s3invmock/s3invmock/scenarios"
)

// scenarioFake serves a fake in the given mode with the identity accounts, running the
// scenario written in YAML; bucket reports of ownerAccount holds report1.
func scenarioFake(mode identity.Mode, yaml string) (*mock.Server, *httptest.Server) {
	GinkgoHelper()
	sc, err := scenarios.Parse([]byte(yaml))
	Expect(err).NotTo(HaveOccurred())
	engine := scenarios.NewEngine()
	Expect(engine.Replace(sc)).To(Succeed())
	DeferCleanup(engine.Close)
	srv, ts := startFake(mock.WithAuth(mode), mock.WithDirectory(identityDirectory()), mock.WithHook(engine))
	Expect(srv.AddBucket("reports", mock.OwnedBy(ownerAccount))).To(Succeed())
	Expect(srv.AddBucket("theirs", mock.OwnedBy(otherAccount))).To(Succeed())
	Expect(srv.PutConfiguration("reports", mustConfiguration("report1"))).To(Succeed())
	Expect(srv.PutConfiguration("theirs", mustConfiguration("report1"))).To(Succeed())
	return srv, ts
}

var _ = Describe("scenarios that select callers", func() {
	for _, mode := range []identity.Mode{identity.ModeOff, identity.ModeVerify} {
		When("auth is "+string(mode), func() {
			It("injects AccessDenied for one access key only (match.accessKey)", func() {
				srv, ts := scenarioFake(mode, `rules:
  - name: deny-reader
    match: {accessKey: AKIAREADER000000001}
    action: {error: AccessDenied}
`)
				signer := newSigningAt(fixedNow)
				owner, reader := sdkClientAs(ts, static(ownerKey), signer), sdkClientAs(ts, static(readerKey), signer)
				expectRefused(getCall(reader, "reports"), mock.AccessDenied)
				expectRefused(listCall(reader, "reports"), mock.AccessDenied)
				Expect(getCall(owner, "reports")).To(Succeed())
				Expect(listCall(owner, "reports")).To(Succeed())
				j := srv.Journal()
				Expect(j).To(HaveLen(4))
				Expect(j[0].FiredRules).To(Equal([]string{"deny-reader"}))
				Expect(j[0].AccessKey).To(Equal(readerKey.AccessKeyID))
				Expect(j[2].FiredRules).To(BeEmpty())
			})

			It("injects AccessDenied for one account's keys only (match.account)", func() {
				_, ts := scenarioFake(mode, `rules:
  - name: deny-other-account
    match: {account: "4444*"}
    action: {error: AccessDenied}
`)
				signer := newSigningAt(fixedNow)
				expectRefused(listCall(sdkClientAs(ts, static(otherKey), signer), "theirs"), mock.AccessDenied)
				Expect(listCall(sdkClientAs(ts, static(ownerKey), signer), "reports")).To(Succeed())
				Expect(listCall(sdkClientAs(ts, static(readerKey), signer), "reports")).To(Succeed())
			})
		})
	}
})
